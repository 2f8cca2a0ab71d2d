package dev.sceneway.products;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** One bank's product APIs; each running instance serves exactly one bank (tenant). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ProductApisApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProductApisApplication.class, args);
    }
}
