package dev.awssso.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/** Matches when the AWS SDK's {@code sso} or {@code ssooidc} module is missing from the class path. */
class OnMissingSsoModulesCondition extends SpringBootCondition {

    private static final Map<String, String> MODULES = Map.of("sso", "software.amazon.awssdk.services.sso.SsoClient",
            "ssooidc", "software.amazon.awssdk.services.ssooidc.SsoOidcClient");

    private static final List<String> MODULE_NAMES = List.of("sso", "ssooidc");

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        ConditionMessage.Builder message = ConditionMessage.forCondition("AWS SDK modules sso and ssooidc");
        List<String> missing = missingModules(context.getClassLoader());
        return missing.isEmpty() ? ConditionOutcome.noMatch(message.found("modules").items(MODULE_NAMES))
                : ConditionOutcome.match(message.didNotFind("module", "modules").items(missing));
    }

    /** The names of the missing modules, in a stable order. */
    static List<String> missingModules(ClassLoader classLoader) {
        List<String> missing = new ArrayList<>();
        for (String module : MODULE_NAMES) {
            if (!ClassUtils.isPresent(MODULES.get(module), classLoader)) {
                missing.add(module);
            }
        }
        return missing;
    }
}
