package app.rapport.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The web inbox ({@code rapport.web.*}).
 *
 * @param secureCookies when the session cookie carries {@code Secure}: {@code AUTO} for every request that reached
 *                      Rapport over HTTPS, itself or through a reverse proxy on this machine or a private network
 *                      that says so with {@code X-Forwarded-Proto: https}; {@code ALWAYS} for every request, for a
 *                      proxy that ends TLS without saying so (the inbox then works only over HTTPS)
 */
@ConfigurationProperties("rapport.web")
public record WebSettings(@DefaultValue("AUTO") SecureCookies secureCookies) {

    public enum SecureCookies {
        AUTO, ALWAYS
    }
}
