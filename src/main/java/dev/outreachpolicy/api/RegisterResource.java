package dev.outreachpolicy.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreachpolicy.engine.input.InvalidInputException;
import dev.outreachpolicy.registers.RegisterStore;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** {@code POST /v1/registers/{TPS|CTPS}?date=YYYY-MM-DD}: import a register file, one number per line. */
@Path("/v1/registers")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class RegisterResource {
    @Inject
    RegisterStore registers;

    @Inject
    ObjectMapper json;

    @Inject
    dev.outreachpolicy.registers.RegisterGuard guard;

    @POST
    @Path("/{register}")
    @Allowed(Role.LEGAL)
    @Consumes({MediaType.TEXT_PLAIN, "text/csv"})
    public Response importFile(@PathParam("register") String register, @QueryParam("date") String date,
                               @QueryParam("force") String force, String body) {
        if (!register.equals("TPS") && !register.equals("CTPS")) {
            throw new InvalidInputException("/register", "must be TPS or CTPS");
        }
        LocalDate d;
        try {
            d = LocalDate.parse(date == null ? "" : date);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("/date", "is required: the register file's date (YYYY-MM-DD)");
        }
        if (d.isAfter(LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1))) {
            throw new InvalidInputException("/date", "must not lie in the future");
        }
        if (force != null && !force.equals("true") && !force.equals("false")) {
            throw new InvalidInputException("/force", "must be true or false");
        }
        java.util.Set<String> numbers = RegisterStore.numbers(body);
        guard.check(register, numbers.size(), "true".equals(force));
        RegisterStore.Imported i = registers.importNumbers(register, d, numbers);
        return Response.status(201).entity(json.createObjectNode().put("id", i.id()).put("register", i.register())
            .put("date", i.date().toString()).put("numbers", i.numbers()).toString()).build();
    }
}
