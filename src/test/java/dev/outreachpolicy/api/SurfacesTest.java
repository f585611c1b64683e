package dev.outreachpolicy.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outreachpolicy.store.StoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The legal page's security headers, and reloads one at a time (twenty at once ran the CPU flat for minutes). */
@QuarkusTest
@QuarkusTestResource(value = StoreTestResource.class, restrictToAnnotatedClass = false)
class SurfacesTest {
    @Test
    void theLegalPageSendsAContentSecurityPolicyAndRefusesFraming() {
        given().get("/legal").then().statusCode(200)
            .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
            .header("Content-Security-Policy", containsString("form-action 'self'"))
            .header("Content-Security-Policy", containsString("default-src 'none'"))
            .header("X-Frame-Options", equalTo("DENY"))
            .header("X-Content-Type-Options", equalTo("nosniff"))
            .header("Referrer-Policy", equalTo("same-origin"))
            .header("Cache-Control", equalTo("no-store"));
        given().get("/v1/rules").then().header("X-Content-Type-Options", equalTo("nosniff"));
    }

    @Test
    void concurrentReloadsRunOneAtATimeAndTheOthersAreTold() throws Exception {
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Callable<Integer> reload = () -> {
                start.await();
                return given().post("/v1/rulesets/reload").then().extract().statusCode();
            };
            answers.add(pool.submit(reload));
        }
        start.countDown();
        int ok = 0;
        int busy = 0;
        for (Future<Integer> f : answers) {
            int s = f.get();
            assertTrue(s == 200 || s == 409, "a reload answers 200 or 409, not " + s);
            ok += s == 200 ? 1 : 0;
            busy += s == 409 ? 1 : 0;
        }
        pool.shutdown();
        assertTrue(ok >= 1, "one reload ran");
        assertTrue(busy >= 1, "the others were told a reload is running (" + ok + " ran)");
        given().post("/v1/rulesets/reload").then().statusCode(200);
    }
}
