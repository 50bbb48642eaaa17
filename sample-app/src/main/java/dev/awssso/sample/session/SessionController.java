package dev.awssso.sample.session;

import dev.awssso.core.engine.SsoEngine;
import dev.awssso.core.login.LoginAttempt;
import dev.awssso.core.login.LoginFailedException;
import dev.awssso.core.login.LoginPrompt;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The status page's API: {@code GET /api/session} (the session and who AWS sees), {@code POST /api/sign-in}
 * (starts a sign-in, or returns the pending one), {@code POST /api/sign-in/cancel} and
 * {@code POST /api/sign-out} (also stops a sign-in that is waiting). The actions take JSON only ({@code sign-in}
 * needs its body, {@code {}} at least), so that a plain form or an empty post of another site cannot run them;
 * {@link ApiGuardConfiguration} refuses what a browser sends for another site. Without IAM Identity Center
 * configuration the starter steps aside and every call answers 404.
 */
@RestController
@RequestMapping("/api")
class SessionController {

    private final ObjectProvider<SsoEngine> engine;

    private final SessionViews views;

    SessionController(ObjectProvider<SsoEngine> engine, SessionViews views) {
        this.engine = engine;
        this.views = views;
    }

    @GetMapping("/session")
    SessionView session() {
        return this.views.of(engine());
    }

    @PostMapping(path = "/sign-in", consumes = MediaType.APPLICATION_JSON_VALUE)
    LoginPrompt signIn(@RequestBody SignInRequest request) {
        return engine().login().start(request.flowOr(this.views.signInFlow()), false).prompt();
    }

    @PostMapping(path = "/sign-in/cancel", consumes = MediaType.APPLICATION_JSON_VALUE)
    SessionView cancelSignIn() {
        SsoEngine sso = engine();
        sso.login().pending().ifPresent(LoginAttempt::cancel);
        return this.views.of(sso);
    }

    @PostMapping(path = "/sign-out", consumes = MediaType.APPLICATION_JSON_VALUE)
    SessionView signOut() {
        SsoEngine sso = engine();
        sso.login().signOut();
        return this.views.of(sso);
    }

    /** The sign-in could not start; the starter's message says why and holds no secret. */
    @ExceptionHandler(LoginFailedException.class)
    ProblemDetail signInFailed(LoginFailedException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, ex.getMessage());
        problem.setTitle("Sign-in failed");
        return problem;
    }

    @ExceptionHandler(ResponseStatusException.class)
    ProblemDetail refused(ResponseStatusException ex) {
        return ex.getBody();
    }

    private SsoEngine engine() {
        SsoEngine sso = this.engine.getIfAvailable();
        if (sso == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "IAM Identity Center is not configured, so the"
                    + " starter stepped aside and AWS clients use the SDK's default credentials chain.");
        }
        return sso;
    }
}
