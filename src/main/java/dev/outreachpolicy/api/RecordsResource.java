package dev.outreachpolicy.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outreachpolicy.audit.RecordChain;
import dev.outreachpolicy.store.StoreException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** {@code GET /v1/records/verify} (admin): the hash chains of the decision records checked, findings named. */
@Path("/v1/records")
@Produces(MediaType.APPLICATION_JSON)
public class RecordsResource {
    @Inject
    DataSource db;

    @Inject
    ObjectMapper json;

    @GET
    @Path("/verify")
    @Allowed(Role.ADMIN)
    public Response verify() {
        RecordChain.Report r;
        try (Connection c = db.getConnection()) {
            r = RecordChain.verify(c);
        } catch (SQLException e) {
            throw new StoreException("cannot read the decision records", e);
        }
        ObjectNode out = json.createObjectNode();
        out.put("intact", r.intact()).put("chains", r.chains()).put("groups", r.groups()).put("records", r.records()).put("purged", r.purged());
        var findings = out.putArray("findings");
        for (RecordChain.Finding f : r.findings()) {
            findings.addObject().put("kind", f.kind()).put("decisionId", f.decisionId()).put("chain", f.chain() == null ? null : f.chain().toString())
                .put("group", f.seq()).put("detail", f.detail());
        }
        var heads = out.putArray("heads");
        r.heads().forEach(heads::add);
        return Response.ok(out.toString(), MediaType.APPLICATION_JSON).build();
    }
}
