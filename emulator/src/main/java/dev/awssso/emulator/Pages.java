package dev.awssso.emulator;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The HTML of the sign-in pages. Every value echoed is escaped. The pages need no script, and the buttons
 * have stable ids ({@code allow}, {@code deny}) for browser tests.
 */
final class Pages {

    private static final String STYLE = """
            body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;\
            background:#f2f3f3;color:#16191f;font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif}
            main{background:#fff;max-width:26rem;width:100%;margin:1rem;padding:2rem;border-radius:8px;\
            box-shadow:0 1px 4px rgba(0,0,0,.15)}
            .brand{margin:0 0 1rem;font-size:.8rem;letter-spacing:.05em;text-transform:uppercase;color:#5f6b7a}
            h1{margin:0 0 1rem;font-size:1.3rem;font-weight:600}
            .user{color:#5f6b7a}
            ul{padding-left:1.2rem}
            code{font-size:.9em;background:#f2f3f3;padding:.1em .3em;border-radius:3px}
            label{display:block;margin-bottom:.3rem;font-weight:600}
            input[type=text]{box-sizing:border-box;width:100%;padding:.5rem;font:1.2rem monospace;\
            letter-spacing:.15em;text-transform:uppercase;border:1px solid #8c8c94;border-radius:4px}
            .actions{display:flex;flex-direction:row-reverse;gap:.75rem;margin-top:1.5rem}
            button{flex:1;padding:.6rem 1rem;font:inherit;font-weight:600;border-radius:20px;cursor:pointer;\
            border:2px solid #0972d3}
            #allow{background:#0972d3;color:#fff}
            #deny{background:#fff;color:#0972d3}
            .problem{padding:.75rem;border-left:4px solid #d91515;background:#fff7f7}
            """;

    private Pages() {
    }

    /**
     * The approval page of a PKCE authorization request: one form posting back to {@code /authorize} with the
     * request in hidden fields, and a {@code decision} of {@code allow} or {@code deny} from the button pressed.
     */
    static String authorize(AuthorizationRequest request, String userName) {
        StringBuilder body = new StringBuilder()
            .append("<h1>Allow <strong>").append(escape(request.client().clientName()))
            .append("</strong> to access your data?</h1>\n")
            .append("<p class=\"user\">Signed in as <strong>").append(escape(userName)).append("</strong></p>\n")
            .append(scopes(request.displayedScopes()))
            .append(form("/authorize", request.parameters()));
        return page("Allow access?", body.toString());
    }

    /**
     * The approval page of an {@code aws login} authorization request: one form posting back to
     * {@code /v1/authorize} with the request in hidden fields, and a {@code decision} of {@code allow} or
     * {@code deny} from the button pressed.
     * @param loginSession the principal signed in, whose credentials the AWS CLI gets
     */
    static String login(LoginAuthorizationRequest request, String loginSession) {
        String body = "<h1>Allow the <strong>AWS CLI</strong> to use your credentials?</h1>\n"
                + "<p class=\"user\">Signed in as <strong>" + escape(loginSession) + "</strong></p>\n"
                + scopes(Arrays.asList(request.scope().split("\\s+")))
                + form("/v1/authorize", request.parameters());
        return page("Allow access?", body);
    }

    /**
     * The device code page: the user code to enter or confirm, and the buttons.
     * @param userCode the code to show in the field, or {@code null} for an empty field
     * @param clientName the application asking, when the code is known
     * @param userName the signed-in user
     * @param problem what is wrong with the code given, or {@code null}
     */
    static String device(@Nullable String userCode, @Nullable String clientName, String userName,
            @Nullable String problem) {
        StringBuilder body = new StringBuilder("<h1>Authorize a device</h1>\n")
            .append("<p class=\"user\">Signed in as <strong>").append(escape(userName)).append("</strong></p>\n");
        if (problem != null) {
            body.append("<p class=\"problem\">").append(escape(problem)).append("</p>\n");
        }
        if (clientName != null) {
            body.append("<p><strong>").append(escape(clientName))
                .append("</strong> asks for access. Allow it only if the code below is the one it shows.</p>\n");
        }
        body.append("<form method=\"post\" action=\"/device\">\n")
            .append("<label for=\"user_code\">Code</label>\n")
            .append("<input type=\"text\" id=\"user_code\" name=\"user_code\" autocomplete=\"off\" required value=\"")
            .append(escape((userCode != null) ? userCode : "")).append("\">\n")
            .append(buttons()).append("</form>\n");
        return page("Authorize a device", body.toString());
    }

    /**
     * The page after the user decided on a device authorization.
     */
    static String deviceDecided(boolean approved) {
        String outcome = approved ? "Request approved" : "Request denied";
        return page(outcome, "<h1>" + outcome + "</h1>\n<p>You can close this window.</p>\n");
    }

    /**
     * A page explaining why a request cannot be served.
     */
    static String error(int status, String message) {
        return page("Request refused", "<h1>This request cannot be completed</h1>\n<p class=\"problem\">"
                + escape(message) + "</p>\n<p class=\"user\">HTTP " + status + "</p>\n");
    }

    /**
     * The text with {@code & < > " '} replaced by character references, safe in element content and in quoted
     * attribute values.
     */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static String scopes(List<String> scopes) {
        if (scopes.isEmpty()) {
            return "";
        }
        StringBuilder list = new StringBuilder("<p>It asks for these scopes:</p>\n<ul>\n");
        for (String scope : scopes) {
            list.append("<li><code>").append(escape(scope)).append("</code></li>\n");
        }
        return list.append("</ul>\n").toString();
    }

    /**
     * A form posting the fields, hidden, and the decision of the button pressed.
     */
    private static String form(String action, Map<String, String> fields) {
        StringBuilder form = new StringBuilder("<form method=\"post\" action=\"").append(escape(action))
            .append("\">\n");
        for (Map.Entry<String, String> field : fields.entrySet()) {
            form.append("<input type=\"hidden\" name=\"").append(escape(field.getKey())).append("\" value=\"")
                .append(escape(field.getValue())).append("\">\n");
        }
        return form.append(buttons()).append("</form>\n").toString();
    }

    /**
     * Allow comes first, so that Enter allows, but is shown on the right.
     */
    private static String buttons() {
        return "<div class=\"actions\">\n"
                + "<button type=\"submit\" id=\"allow\" name=\"decision\" value=\"allow\">Allow</button>\n"
                + "<button type=\"submit\" id=\"deny\" name=\"decision\" value=\"deny\">Deny</button>\n</div>\n";
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + escape(title)
                + " | IAM Identity Center emulator</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n<main>\n"
                + "<p class=\"brand\">IAM Identity Center emulator</p>\n" + body + "</main>\n</body>\n</html>\n";
    }

}
