package dev.awssso.core.login;

/** How the user signs in to IAM Identity Center from the application. */
public enum LoginFlow {

    /**
     * Authorization code with PKCE: the user opens a URL in a browser on this machine and approves; the answer
     * comes back to a loopback listener. The AWS CLI's default.
     */
    PKCE,

    /**
     * Device code: the user opens a URL on any device and confirms a short code; the application polls for the
     * result. For headless hosts, containers and SSH sessions.
     */
    DEVICE_CODE
}
