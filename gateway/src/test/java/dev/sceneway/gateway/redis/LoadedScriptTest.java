package dev.sceneway.gateway.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadedScriptTest {

    @Test
    void sha1IsTheOneRedisComputesForTheSameText() {
        // Redis' documented example: SCRIPT LOAD "return 1" answers e0e1f9fabfc9d4800c877a703b823ac0578ff8db.
        assertThat(LoadedScript.of("return 1", Long.class).getSha1())
                .isEqualTo("e0e1f9fabfc9d4800c877a703b823ac0578ff8db");
    }

    @Test
    void classpathScriptIsReadOnceWithItsText() {
        LoadedScript<List> script = LoadedScript.fromClasspath("ratelimit/plan_limit.lua", List.class);

        assertThat(script.getScriptAsString()).contains("redis.call");
        assertThat(script.getSha1()).hasSize(40);
        assertThat(script.getResultType()).isEqualTo(List.class);
    }

    @Test
    void missingClasspathScriptFailsWhenLoadedNotPerRequest() {
        assertThatThrownBy(() -> LoadedScript.fromClasspath("ratelimit/nothing.lua", Long.class))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("ratelimit/nothing.lua");
    }
}
