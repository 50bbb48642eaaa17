package dev.awssso.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * A Spring Boot application that calls AWS STS with the credentials of the aws-sso starter and shows the session
 * on a status page at {@code /} (package {@code dev.awssso.sample.session}). By default it runs on a
 * local IAM Identity Center emulator (see {@link dev.awssso.sample.demo.DemoModeListener}).
 */
@SpringBootApplication
@EnableScheduling
public class SampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
