package app.rapport.customers;

import java.time.Instant;

/** A person the shop corresponds with. {@code firstName} is what a reply greets them with; it may be null. */
public record Customer(long id, String address, String displayName, String firstName, Instant createdAt) {

    /** The name to show: the display name, else the address. */
    public String name() {
        return displayName != null && !displayName.isBlank() ? displayName : address;
    }
}
