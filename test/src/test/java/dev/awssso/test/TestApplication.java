package dev.awssso.test;

import org.springframework.boot.SpringBootConfiguration;

/** An application with no beans of its own and no auto-configuration: what the annotation adds stands alone. */
@SpringBootConfiguration
class TestApplication {

}
