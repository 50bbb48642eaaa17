package dev.awssso.core.config;

import org.jspecify.annotations.Nullable;

/**
 * A setting that an {@code [sso-session]} section may define as well as the properties or the profile: the start
 * URL and the SSO region. The AWS SDKs require the two to agree.
 *
 * @param own the value of the property, else of the profile, or {@code null}
 * @param session the value of the sso-session section, or {@code null}
 */
record PortalSetting(@Nullable Setting own, @Nullable Setting session) {

    /** The value in effect: the sso-session's when it has one (they must agree), else the own value. */
    @Nullable Setting effective() {
        return Setting.first(this.session, this.own);
    }
}
