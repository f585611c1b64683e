package dev.outreachpolicy.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outreachpolicy.engine.contact.EmailAddress;
import dev.outreachpolicy.engine.contact.PhoneNumbers;
import dev.outreachpolicy.engine.input.FieldError;
import dev.outreachpolicy.engine.input.InvalidInputException;
import dev.outreachpolicy.engine.input.JsonBody;
import dev.outreachpolicy.idempotency.IdempotencyKey;
import dev.outreachpolicy.idempotency.IdempotencyStore;
import dev.outreachpolicy.idempotency.SavedAnswer;
import dev.outreachpolicy.suppression.SuppressionEntry;
import dev.outreachpolicy.engine.suppression.SuppressionRequest;
import dev.outreachpolicy.suppression.SuppressionStore;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code /v1/suppressions}: the global block list. An opt-out recorded here is answered {@code 201} only once it
 * is committed, and from then on every decision for that person on every instance is DENY under SUPPRESSION.
 */
@Path("/v1")
@Consumes(MediaType.WILDCARD)
public class SuppressionResource {
    private static final String CSV = "text/csv";

    @Inject
    SuppressionStore store;

    @Inject
    IdempotencyStore idempotency;

    @Inject
    Problems problems;

    @Inject
    ObjectMapper json;

    @Inject
    Caller caller;

    @POST
    @Path("/suppressions")
    @Produces(MediaType.APPLICATION_JSON)
    @Allowed(Role.AGENT)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(String body, @HeaderParam("Idempotency-Key") String key) {
        IdempotencyKey idem = IdempotencyKey.of("POST /v1/suppressions", key, body, caller.identity());
        Optional<Response> saved = idempotency.replay(idem).map(SavedAnswer::response);
        if (saved.isPresent()) {
            return saved.get();
        }
        SuppressionRequest request = SuppressionRequest.parse(JsonBody.parse(body), Instant.now());
        SuppressionStore.Recorded r = store.record(request);
        int status = r.created() ? 201 : 200;
        String answer = view(r.entry()).toString();
        if (idem != null) {
            Optional<SavedAnswer> first = idempotency.keep(idem, status, answer);
            if (first.isPresent()) {
                return first.get().response();
            }
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(answer).build();
    }

    @GET
    @Path("/suppressions")
    @Produces(MediaType.APPLICATION_JSON)
    @Allowed(Role.LEGAL)
    public Response list(@QueryParam("email") String email, @QueryParam("phone") String phone, @QueryParam("ref") String ref,
                         @QueryParam("domain") String domain) {
        List<SuppressionEntry> entries;
        if (email != null) {
            entries = store.list("EMAIL", EmailAddress.normalise(email)
                .orElseThrow(() -> new InvalidInputException("/email", "must be an e-mail address")));
        } else if (phone != null) {
            entries = store.list("PHONE", PhoneNumbers.parse(phone, null).map(n -> n.e164())
                .orElseThrow(() -> new InvalidInputException("/phone", "must be a possible phone number in E.164")));
        } else if (ref != null) {
            entries = store.list("REF", ref);
        } else if (domain != null) {
            entries = store.list("DOMAIN", dev.outreachpolicy.engine.contact.CanonicalEmail.domain(domain)
                .orElseThrow(() -> new InvalidInputException("/domain", "must be a domain name (acme.com)")));
        } else {
            throw new InvalidInputException("/email", "is required, or one of phone, ref or domain: GET /v1/suppressions?email=jane@acme.com");
        }
        ObjectNode out = json.createObjectNode();
        ArrayNode items = out.putArray("items");
        entries.forEach(e -> items.add(view(e)));
        return Response.ok(out.toString(), MediaType.APPLICATION_JSON).build();
    }

    @DELETE
    @Path("/suppressions/{id}")
    @Allowed(Role.ADMIN)
    public Response delete(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("/id", "must be an entry id (UUID)");
        }
        return store.delete(uuid) ? Response.noContent().build()
            : problems.notFound("No such entry", "no suppression " + id);
    }

    /**
     * Bulk import, CSV with a header: {@code email,phone,ref,domain,scope,source,at} (any subset, in any order; one
     * identifier per row). All rows are checked first; if any is invalid nothing is recorded. The CSV is the body,
     * or the one file of a multipart form.
     */
    @POST
    @Path("/suppressions:import")
    @Produces(MediaType.APPLICATION_JSON)
    @Allowed(Role.LEGAL)
    @Consumes({CSV, MediaType.TEXT_PLAIN, MediaType.MULTIPART_FORM_DATA})
    public Response importCsv(String upload, @HeaderParam("Content-Type") String contentType) {
        String body = CsvUpload.text(contentType, upload);
        if (body == null || body.isBlank()) {
            throw new InvalidInputException("/", "the CSV needs a header line: email,phone,ref,domain,scope,source,at");
        }
        List<dev.outreachpolicy.suppression.SuppressionCsv.Row> rows;
        try {
            rows = dev.outreachpolicy.suppression.SuppressionCsv.read(body);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("/", "the CSV is malformed (RFC 4180): " + e.getMessage());
        }
        List<SuppressionRequest> requests = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        Instant now = Instant.now();
        for (var r : rows) {
            ObjectNode row = json.createObjectNode();
            r.cells().forEach(row::put);
            try {
                dev.outreachpolicy.engine.input.TextRules.check(row);
                requests.add(SuppressionRequest.parse(row, now));
            } catch (InvalidInputException e) {
                for (FieldError f : e.errors()) {
                    errors.add(new FieldError("/line/" + r.line() + f.pointer(), f.message()));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        int created = 0;
        for (SuppressionRequest r : requests) {
            if (store.record(r).created()) {
                created++;
            }
        }
        ObjectNode out = json.createObjectNode();
        out.put("rows", requests.size()).put("created", created).put("existing", requests.size() - created);
        return Response.ok(out.toString(), MediaType.APPLICATION_JSON).build();
    }

    /** Export as CSV: identifiers are kept only as keyed hashes, so the export carries the hash and its key id. */
    @GET
    @Path("/suppressions:export")
    @Produces(CSV)
    @Allowed(Role.ADMIN)
    public Response export() {
        return Response.ok(dev.outreachpolicy.suppression.SuppressionCsv.export(store.export()), CSV).build();
    }

    private ObjectNode view(SuppressionEntry e) {
        ObjectNode o = json.createObjectNode();
        o.put("id", e.id().toString());
        o.put("recordedAt", e.recordedAt().toString());
        o.put("kind", e.kind());
        o.put("identifier", e.masked());
        o.put("scope", e.scope());
        o.put("source", e.source());
        o.put("at", e.at().toString());
        o.put("keyId", e.keyId());
        return o;
    }
}
