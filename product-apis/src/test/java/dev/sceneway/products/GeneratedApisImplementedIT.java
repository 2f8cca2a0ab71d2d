package dev.sceneway.products;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sceneway.products.support.LakesideInstanceTest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.RegexPatternTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * API first, both ways: skipDefaultInterface makes an operation nobody implements a compile error; this test makes a
 * whole generated API interface nobody implements a test failure (a spec grew an API the service does not serve).
 */
class GeneratedApisImplementedIT extends LakesideInstanceTest {

    private static final List<String> GENERATED_API_PACKAGES = List.of(
            "dev.sceneway.products.credit.generated.api", "dev.sceneway.products.accounts.generated.api",
            "dev.sceneway.products.payments.generated.api");

    @Autowired
    ApplicationContext context;

    @Test
    void everyGeneratedApiInterfaceWhenContextStartsThenHasAnImplementingBean() throws Exception {
        List<Class<?>> apis = generatedApiInterfaces();

        assertThat(apis).as("generated *Api interfaces").isNotEmpty();
        assertThat(apis).allSatisfy(api -> assertThat(context.getBeanNamesForType(api))
                .as("beans implementing %s", api.getName())
                .isNotEmpty());
    }

    private static List<Class<?>> generatedApiInterfaces() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isInterface();
            }
        };
        scanner.addIncludeFilter(new RegexPatternTypeFilter(Pattern.compile(".*Api")));
        List<Class<?>> apis = new ArrayList<>();
        for (String pkg : GENERATED_API_PACKAGES) {
            for (BeanDefinition candidate : scanner.findCandidateComponents(pkg)) {
                apis.add(ClassUtils.forName(String.valueOf(candidate.getBeanClassName()),
                        GeneratedApisImplementedIT.class.getClassLoader()));
            }
        }
        return apis;
    }
}
