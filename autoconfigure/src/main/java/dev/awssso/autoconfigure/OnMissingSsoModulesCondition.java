package dev.awssso.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.util.ClassUtils;

/** Matches when the AWS SDK's {@code sso} or {@code ssooidc} module is missing from the class path. */
class OnMissingSsoModulesCondition extends AnyNestedCondition {

    private static final Map<String, String> MODULES = Map.of("sso", "software.amazon.awssdk.services.sso.SsoClient",
            "ssooidc", "software.amazon.awssdk.services.ssooidc.SsoOidcClient");

    private static final List<String> MODULE_NAMES = List.of("sso", "ssooidc");

    OnMissingSsoModulesCondition() {
        super(ConfigurationPhase.PARSE_CONFIGURATION);
    }

    /** The names of the missing modules, in a stable order. */
    static List<String> missingModules(@Nullable ClassLoader classLoader) {
        List<String> missing = new ArrayList<>();
        for (String module : MODULE_NAMES) {
            if (!ClassUtils.isPresent(MODULES.get(module), classLoader)) {
                missing.add(module);
            }
        }
        return missing;
    }

    @ConditionalOnMissingClass("software.amazon.awssdk.services.sso.SsoClient")
    static class SsoModuleMissing {

    }

    @ConditionalOnMissingClass("software.amazon.awssdk.services.ssooidc.SsoOidcClient")
    static class SsoOidcModuleMissing {

    }
}
