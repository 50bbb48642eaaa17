package dev.awssso.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * A Spring Boot application that calls AWS STS with the credentials of the aws-sso starter. By default it runs
 * on a local IAM Identity Center emulator (see {@link dev.awssso.sample.demo.DemoModeListener}).
 */
@SpringBootApplication
@EnableScheduling
public class SampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
