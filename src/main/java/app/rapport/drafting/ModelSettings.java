package app.rapport.drafting;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The optional language model that writes drafts ({@code rapport.drafting.model.*}): any server with an
 * OpenAI-compatible chat endpoint (Ollama, llama.cpp server, vLLM, OpenAI). Without a URL, drafts come from the
 * templates alone.
 *
 * @param url     the API base, e.g. {@code http://localhost:11434/v1}; {@code /chat/completions} is added
 * @param name    the model's name on that server
 * @param apiKey  sent as a bearer token when set; never logged
 * @param timeout how long to wait for an answer before the template is used instead
 */
@ConfigurationProperties("rapport.drafting.model")
public record ModelSettings(@DefaultValue("") String url, @DefaultValue("llama3.2") String name,
                            @DefaultValue("") String apiKey, @DefaultValue("30s") Duration timeout,
                            @DefaultValue("3") int styleExamples) {

    public boolean enabled() {
        return url != null && !url.isBlank();
    }

    @Override
    public String toString() {
        return "ModelSettings[url=" + url + ", name=" + name + ", apiKey=" + (apiKey == null || apiKey.isEmpty() ? "" : "***")
                + ", timeout=" + timeout + "]";
    }
}
