package dev.awssso.core.config;

import java.util.Objects;

import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;

/** The region of the SSO configuration ({@code aws.sso.region} or the profile's {@code region}). */
public final class SsoRegionProvider implements AwsRegionProvider {

    private final Region region;

    /**
     * @param settings the SSO configuration, which has a region
     */
    public SsoRegionProvider(SsoSettings settings) {
        this.region = Region.of(Objects.requireNonNull(settings.region(), "region"));
    }

    @Override
    public Region getRegion() {
        return this.region;
    }

    @Override
    public String toString() {
        return "SsoRegionProvider[" + this.region + "]";
    }
}
