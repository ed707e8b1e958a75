package app.rapport.customers;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;

import app.rapport.mailbox.Direction;
import app.rapport.mailbox.MailAccounts;

/**
 * Ties a whole import batch to its customers with batched statements, by the same rule as the live
 * {@code CustomerAttribution}: the sender of inbound mail a person wrote, the recipient of the shop's own mail.
 */
@Service
public class BulkAttribution {

    /** What attribution needs to know about one stored message. */
    public record Message(long id, Direction direction, String fromAddress, String fromName, List<String> to,
                          boolean automated) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final MailAccounts accounts;

    BulkAttribution(JdbcTemplate jdbc, Clock clock, MailAccounts accounts) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.accounts = accounts;
    }

    private record Known(long id, boolean named) {
    }

    /** Links each message to its customer, creating customers first seen here; returns message → customer. */
    public Map<Long, Long> attribute(List<Message> batch) {
        Set<String> ownAddresses = accounts.addresses();
        Map<Long, String> addressOf = new LinkedHashMap<>();
        Map<String, String> nameOf = new HashMap<>();
        for (Message m : batch) {
            String address = m.direction() == Direction.INBOUND ? m.fromAddress()
                    : m.to().stream().filter(a -> !ownAddresses.contains(a)).findFirst().orElse(null);
            boolean person = m.direction() == Direction.OUTBOUND || !m.automated();
            if (address != null && person && !ownAddresses.contains(address) && address.length() <= 320) {
                addressOf.put(m.id(), address);
                if (m.direction() == Direction.INBOUND && m.fromName() != null && !m.fromName().isBlank()) {
                    nameOf.putIfAbsent(address, m.fromName());
                }
            }
        }
        if (addressOf.isEmpty()) {
            return Map.of();
        }
        Set<String> addresses = new LinkedHashSet<>(addressOf.values());
        Map<String, Known> known = load(addresses);
        List<String> missing = addresses.stream().filter(a -> !known.containsKey(a)).toList();
        known.putAll(insert(missing, nameOf));
        List<Object[]> names = new ArrayList<>();
        for (String a : addresses) {
            Known k = known.get(a);
            String name = nameOf.get(a);
            if (!k.named() && name != null && !missing.contains(a)) {
                names.add(new Object[] {truncate(name, 500), FirstNames.of(name), k.id()});
                known.put(a, new Known(k.id(), true));
            }
        }
        jdbc.batchUpdate("update customers set display_name = ?, first_name = coalesce(first_name, ?) where id = ?", names);
        Map<Long, Long> result = new LinkedHashMap<>();
        List<Object[]> links = new ArrayList<>();
        addressOf.forEach((message, address) -> {
            long customer = known.get(address).id();
            result.put(message, customer);
            links.add(new Object[] {message, customer});
        });
        jdbc.batchUpdate("insert into customer_messages (message, customer) values (?, ?)", links);
        List<Object[]> toRead = new ArrayList<>();
        for (Message m : batch) {
            if (m.direction() == Direction.INBOUND && result.containsKey(m.id())) {
                toRead.add(new Object[] {m.id()});
            }
        }
        // Facts are read later, in the background (FactBackfill): storing a long history stays fast.
        jdbc.batchUpdate("insert into facts_pending (message) values (?)", toRead);
        return result;
    }

    private Map<String, Known> load(Set<String> addresses) {
        Map<String, Known> known = new HashMap<>();
        List<String> all = new ArrayList<>(addresses);
        for (int from = 0; from < all.size(); from += 500) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
            jdbc.query("select id, address, display_name from customers where address in ("
                            + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")",
                    rs -> {
                        String name = rs.getString(3);
                        known.put(rs.getString(2), new Known(rs.getLong(1), name != null && !name.isBlank()));
                    }, chunk.toArray());
        }
        return known;
    }

    private Map<String, Known> insert(List<String> addresses, Map<String, String> nameOf) {
        if (addresses.isEmpty()) {
            return Map.of();
        }
        Timestamp now = Timestamp.from(Instant.now(clock));
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.batchUpdate(con -> con.prepareStatement(
                "insert into customers (address, display_name, first_name, created_at) values (?, ?, ?, ?)",
                new String[] {"id"}), new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                String a = addresses.get(i);
                String name = nameOf.get(a);
                ps.setString(1, a);
                ps.setString(2, truncate(name, 500));
                ps.setString(3, FirstNames.of(name));
                ps.setTimestamp(4, now);
            }

            @Override
            public int getBatchSize() {
                return addresses.size();
            }
        }, keys);
        Map<String, Known> out = new HashMap<>();
        List<Map<String, Object>> rows = keys.getKeyList();
        for (int i = 0; i < rows.size(); i++) {
            String a = addresses.get(i);
            out.put(a, new Known(((Number) rows.get(i).values().iterator().next()).longValue(), nameOf.get(a) != null));
        }
        return out;
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
