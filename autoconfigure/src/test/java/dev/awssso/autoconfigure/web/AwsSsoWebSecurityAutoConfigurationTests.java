package dev.awssso.autoconfigure.web;

import java.nio.file.Path;

import dev.awssso.autoconfigure.AwsSsoAutoConfiguration;
import dev.awssso.autoconfigure.endpoint.AwsSsoEndpointAutoConfiguration;
import dev.awssso.boot.web.RequestGuardWebFilter;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.IdentityCenterEmulatorExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(IdentityCenterEmulatorExtension.class)
class AwsSsoWebSecurityAutoConfigurationTests {

    private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(AwsSsoAutoConfiguration.class,
            AwsSsoEndpointAutoConfiguration.class, EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class,
            AwsSsoWebSecurityAutoConfiguration.class);

    @TempDir
    Path home;

    private String[] sso;

    @BeforeEach
    void configure(IdentityCenterEmulator emulator) {
        this.sso = new String[] { "HOME=" + this.home, "AWS_PROFILE=", "AWS_CONFIG_FILE=",
                "aws.sso.start-url=" + emulator.startUrl(), "aws.sso.sso-region=" + emulator.ssoRegion(),
                "aws.sso.account-id=111122223333", "aws.sso.role-name=ReadOnly" };
    }

    private WebApplicationContextRunner web() {
        return new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS).withPropertyValues(this.sso);
    }

    @Test
    void guardsTheEndpointsPathsOnceExposed() {
        web().withPropertyValues("management.endpoints.web.exposure.include=awssso",
                "management.endpoints.web.path-mapping.awssso=sso")
            .run((context) -> {
                assertThat(context.getBean("awsSsoRequestGuardFilter", FilterRegistrationBean.class).getUrlPatterns())
                    .containsExactly("/actuator/sso", "/actuator/sso/*");
                assertThat(context.getBean("awsSsoBareActionFilter", FilterRegistrationBean.class).getUrlPatterns())
                    .containsExactly("/actuator/sso", "/actuator/sso/*");
            });
    }

    @Test
    void addsNoFilterWhileTheEndpointIsNotExposedOverHttp() {
        web().run((context) -> assertThat(context).doesNotHaveBean("awsSsoRequestGuardFilter")
            .doesNotHaveBean("awsSsoBareActionFilter"));
    }

    @Test
    void leavesTheGuardAndTheBareActionsToSpringSecurityWhenTurnedOff() {
        web().withPropertyValues("management.endpoints.web.exposure.include=awssso",
                "aws.sso.web.request-guard.enabled=false")
            .run((context) -> {
                assertThat(context).doesNotHaveBean("awsSsoRequestGuardFilter");
                assertThat(context).as("a bare POST must not reach an actuator that Spring Security's CSRF check guards")
                    .doesNotHaveBean("awsSsoBareActionFilter");
            });
    }

    @Test
    void guardsThePathsUnderTheDispatcherServletsPath() {
        web().withPropertyValues("management.endpoints.web.exposure.include=awssso", "spring.mvc.servlet.path=/mvc/")
            .run((context) -> assertThat(context.getBean("awsSsoRequestGuardFilter", FilterRegistrationBean.class)
                .getUrlPatterns()).containsExactlyInAnyOrder("/mvc/actuator/awssso", "/mvc/actuator/awssso/*"));
    }

    @Test
    void addsNoFilterOutsideAWebApplication() {
        new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
            .withPropertyValues(this.sso)
            .withPropertyValues("management.endpoints.web.exposure.include=awssso")
            .run((context) -> {
                assertThat(context).doesNotHaveBean(FilterRegistrationBean.class);
                assertThat(context).doesNotHaveBean(RequestGuardWebFilter.class);
            });
    }

    @Test
    void guardsTheEndpointsPathsOfAWebFluxApplicationWithAWebFilter() {
        reactive().withPropertyValues("management.endpoints.web.exposure.include=awssso")
            .run((context) -> {
                assertThat(context).hasSingleBean(RequestGuardWebFilter.class);
                assertThat(context).doesNotHaveBean(FilterRegistrationBean.class);
            });
    }

    @Test
    void leavesAWebFluxApplicationsGuardToSpringSecurityWhenTurnedOff() {
        reactive().withPropertyValues("management.endpoints.web.exposure.include=awssso",
                "aws.sso.web.request-guard.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(RequestGuardWebFilter.class));
    }

    private ReactiveWebApplicationContextRunner reactive() {
        return new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
            .withPropertyValues(this.sso);
    }
}
