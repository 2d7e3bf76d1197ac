package io.stockwise.optimizer.grpc;

import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.stockwise.commons.grpc.GrpcCalls;
import io.stockwise.optimizer.domain.ReplenishmentPlanner;
import io.stockwise.proto.v1.PlanReplenishmentRequest;
import io.stockwise.proto.v1.PlanReplenishmentResponse;
import io.stockwise.proto.v1.ReplenishmentServiceGrpc;

/** {@code stockwise.v1.ReplenishmentService}. */
@GrpcService
@Blocking
public class ReplenishmentGrpcService extends ReplenishmentServiceGrpc.ReplenishmentServiceImplBase {
    static final String DOMAIN = "optimizer.stockwise";

    private final ReplenishmentPlanner planner;
    private final PlanMetrics metrics;

    public ReplenishmentGrpcService(ReplenishmentPlanner planner, PlanMetrics metrics) {
        this.planner = planner;
        this.metrics = metrics;
    }

    @Override
    public void planReplenishment(PlanReplenishmentRequest request, StreamObserver<PlanReplenishmentResponse> response) {
        GrpcCalls.unary(response, DOMAIN, () -> {
            var sample = metrics.start();
            var plan = planner.plan(ProtoMapping.items(request));
            metrics.planned(plan, sample);
            return ProtoMapping.response(plan);
        });
    }
}
