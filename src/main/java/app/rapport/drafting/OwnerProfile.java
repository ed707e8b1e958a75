package app.rapport.drafting;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who signs the replies ({@code rapport.owner.*}): the owner's name, the shop, and the place the sign-off
 * sends best wishes from.
 */
@ConfigurationProperties("rapport.owner")
public record OwnerProfile(@DefaultValue("Clara Lindgren") String name,
                           @DefaultValue("Lindgren Shoes") String shop,
                           @DefaultValue("Freiburg") String place) {

    public String firstName() {
        String n = name == null ? "" : name.strip();
        int space = n.indexOf(' ');
        return space > 0 ? n.substring(0, space) : n;
    }
}
