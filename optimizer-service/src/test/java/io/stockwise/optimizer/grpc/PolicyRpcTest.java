package io.stockwise.optimizer.grpc;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;

import com.google.rpc.BadRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stockwise.embedded.StockwiseInfraTestResource;
import io.stockwise.proto.v1.ComputePolicyRequest;
import io.stockwise.proto.v1.NewsvendorCostTerms;
import io.stockwise.proto.v1.NewsvendorPolicyRequest;
import io.stockwise.proto.v1.PeriodicSsPolicyRequest;
import io.stockwise.proto.v1.PolicyNormalDemand;
import io.stockwise.proto.v1.PolicyPoissonDemand;
import io.stockwise.proto.v1.ReplenishmentServiceGrpc;
import java.net.URL;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ComputePolicy over gRPC (same test resources as ReplenishmentGrpcServiceTest, so one app). */
@QuarkusTest
@WithTestResource(StockwiseInfraTestResource.class)
@WithTestResource(ForecastPortResource.class)
class PolicyRpcTest {
    @TestHTTPResource("/")
    URL url;

    private ManagedChannel channel;
    private ReplenishmentServiceGrpc.ReplenishmentServiceBlockingStub stub;

    @BeforeEach
    void connect() {
        channel = NettyChannelBuilder.forAddress("127.0.0.1", url.getPort()).usePlaintext().build();
        stub = ReplenishmentServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private static ComputePolicyRequest newsvendor(double holdingCost) {
        return ComputePolicyRequest.newBuilder().setNewsvendor(NewsvendorPolicyRequest.newBuilder()
                .setNormal(PolicyNormalDemand.newBuilder().setMean(50).setStandardDeviation(8))
                .setCost(NewsvendorCostTerms.newBuilder().setHoldingCost(holdingCost).setShortageCost(0.70))).build();
    }

    @Test
    void computesTheNewsvendorOfSnyderShenExample41() {
        var response = stub.computePolicy(newsvendor(0.18));

        assertThat(response.getMethod()).isEqualTo("NEWSVENDOR_NORMAL");
        assertThat(response.getExact()).isTrue();
        assertThat(response.getOrderUpToLevel()).isCloseTo(56.60395592743389, within(1e-9));
        assertThat(response.getExpectedCost()).isCloseTo(1.997605193176645, within(1e-9));
        assertThat(response.getCriticalFractile()).isCloseTo(0.70 / 0.88, within(1e-12));
        assertThat(response.hasFillRate()).isTrue();
        assertThat(response.hasReorderPoint()).isFalse();
    }

    @Test
    void computesTheZhengFedergruenExample() {
        var response = stub.computePolicy(ComputePolicyRequest.newBuilder().setPeriodicSs(PeriodicSsPolicyRequest
                .newBuilder().setPoisson(PolicyPoissonDemand.newBuilder().setMean(10)).setFixedCost(64)
                .setHoldingCost(1).setShortageCost(9)).build());

        assertThat(response.getMethod()).isEqualTo("SS_ZHENG_FEDERGRUEN");
        assertThat(response.getReorderPoint()).isEqualTo(6);
        assertThat(response.getOrderUpToLevel()).isEqualTo(40);
        assertThat(response.getExpectedCost()).isCloseTo(35.02155527232058, within(1e-9));
    }

    @Test
    void rejectsANegativeCostNamingTheField() {
        var e = catchThrowableOfType(StatusRuntimeException.class, () -> stub.computePolicy(newsvendor(-1)));

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        var details = StatusProto.fromThrowable(e).getDetailsList();
        var field = details.stream().filter(d -> d.is(BadRequest.class)).findFirst().map(d -> {
            try {
                return d.unpack(BadRequest.class).getFieldViolations(0).getField();
            } catch (Exception x) {
                throw new IllegalStateException(x);
            }
        });
        assertThat(field).contains("newsvendor.cost.holding_cost");
    }

    @Test
    void rejectsARequestWithoutAPolicy() {
        var e = catchThrowableOfType(StatusRuntimeException.class,
                () -> stub.computePolicy(ComputePolicyRequest.getDefaultInstance()));

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void countsComputationsInMetrics() {
        stub.computePolicy(newsvendor(0.18));

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("stockwise_policy_computations_total{family=\"newsvendor\",outcome=\"ok\"}"));
    }
}
