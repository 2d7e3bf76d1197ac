package io.stockwise.optimizer.grpc;

import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.stockwise.commons.error.ErrorCode;
import io.stockwise.commons.error.StockwiseException;
import io.stockwise.commons.grpc.GrpcCalls;
import io.stockwise.optimizer.domain.PolicySimulator;
import io.stockwise.optimizer.domain.ReplenishmentPlanner;
import io.stockwise.optimizer.domain.SupplyTermsResolver;
import io.stockwise.optimizer.persistence.PlanQueries;
import io.stockwise.proto.v1.GetPlanRequest;
import io.stockwise.proto.v1.GetPlanResponse;
import io.stockwise.proto.v1.ListPlansRequest;
import io.stockwise.proto.v1.ListPlansResponse;
import io.stockwise.proto.v1.PlanReplenishmentRequest;
import io.stockwise.proto.v1.PlanReplenishmentResponse;
import io.stockwise.proto.v1.ReplenishmentServiceGrpc;
import io.stockwise.proto.v1.SimulatePolicyRequest;
import io.stockwise.proto.v1.SimulatePolicyResponse;
import java.util.UUID;

/** {@code stockwise.v1.ReplenishmentService}. */
@GrpcService
@Blocking
public class ReplenishmentGrpcService extends ReplenishmentServiceGrpc.ReplenishmentServiceImplBase {
    static final String DOMAIN = "optimizer.stockwise";

    private final ReplenishmentPlanner planner;
    private final PlanMetrics metrics;
    private final PlanQueries queries;
    private final SupplyTermsResolver supplyTerms;

    public ReplenishmentGrpcService(ReplenishmentPlanner planner, PlanMetrics metrics, PlanQueries queries,
            SupplyTermsResolver supplyTerms) {
        this.planner = planner;
        this.metrics = metrics;
        this.queries = queries;
        this.supplyTerms = supplyTerms;
    }

    @Override
    public void planReplenishment(PlanReplenishmentRequest request, StreamObserver<PlanReplenishmentResponse> response) {
        GrpcCalls.unary(response, DOMAIN, () -> {
            var sample = metrics.start();
            var planRequest = supplyTerms.resolve(ProtoMapping.request(request), ProtoMapping.supplyTermsUses(request));
            var plan = planner.plan(planRequest);
            metrics.planned(plan, planRequest.groups(), sample);
            var answer = ProtoMapping.response(plan);
            return request.getOmitLines() ? answer.toBuilder().clearLines().build() : answer;
        });
    }

    @Override
    public void listPlanLines(io.stockwise.proto.v1.ListPlanLinesRequest request,
            StreamObserver<io.stockwise.proto.v1.ListPlanLinesResponse> response) {
        GrpcCalls.unary(response, DOMAIN, () -> {
            UUID id;
            try {
                id = UUID.fromString(request.getPlanId());
            } catch (IllegalArgumentException e) {
                throw StockwiseException.invalid("plan_id", "INVALID_FORMAT", "must be a plan id (a UUID)");
            }
            int size = request.getPageSize() < 0 ? -1 : request.getPageSize() == 0 ? 1000 : Math.min(5000, request.getPageSize());
            if (size < 0) {
                throw StockwiseException.invalid("page_size", "OUT_OF_RANGE", "must be at least 0");
            }
            int from = PlanLinePages.offset(request.getPageToken(), id);
            var plan = queries.find(id).orElseThrow(() -> new StockwiseException(ErrorCode.NOT_FOUND, "PLAN_NOT_FOUND",
                    "no plan " + id));
            int total = plan.getLinesCount();
            if (from > total) {
                throw StockwiseException.invalid("page_token", "INVALID_FORMAT", "is past the plan's last line");
            }
            int to = Math.min(total, from + size);
            var out = io.stockwise.proto.v1.ListPlanLinesResponse.newBuilder()
                    .addAllLines(plan.getLinesList().subList(from, to)).setTotalSize(total);
            if (to < total) {
                out.setNextPageToken(PlanLinePages.token(id, to));
            }
            return out.build();
        });
    }

    @Override
    public void getPlan(GetPlanRequest request, StreamObserver<GetPlanResponse> response) {
        GrpcCalls.unary(response, DOMAIN, () -> {
            UUID id;
            try {
                id = UUID.fromString(request.getPlanId());
            } catch (IllegalArgumentException e) {
                throw StockwiseException.invalid("plan_id", "INVALID_FORMAT", "must be a plan id (a UUID)");
            }
            var plan = queries.find(id).orElseThrow(() -> new StockwiseException(ErrorCode.NOT_FOUND, "PLAN_NOT_FOUND",
                    "no plan " + id));
            return GetPlanResponse.newBuilder().setPlan(plan).build();
        });
    }

    @Override
    public void listPlans(ListPlansRequest request, StreamObserver<ListPlansResponse> response) {
        GrpcCalls.unary(response, DOMAIN, () -> {
            var page = queries.list(request.getPageSize(), request.getPageToken());
            return ListPlansResponse.newBuilder().addAllPlans(page.plans()).setNextPageToken(page.nextPageToken()).build();
        });
    }

    @Override
    public void simulatePolicy(SimulatePolicyRequest request, StreamObserver<SimulatePolicyResponse> response) {
        GrpcCalls.unary(response, DOMAIN, () -> ProtoMapping.simulation(PolicySimulator.simulate(ProtoMapping.simulation(request))));
    }

    /** Delegates to {@link PolicyRpc} (textbook inventory policies). */
    @Override
    public void computePolicy(io.stockwise.proto.v1.ComputePolicyRequest request,
                              StreamObserver<io.stockwise.proto.v1.ComputePolicyResponse> response) {
        jakarta.enterprise.inject.spi.CDI.current().select(PolicyRpc.class).get().computePolicy(request, response);
    }
}
