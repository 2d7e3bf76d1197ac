package io.stockwise.cli.call;

import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.stockwise.cli.StockwiseCommand;
import io.stockwise.cli.UsageException;
import io.stockwise.cli.grpc.Channels;
import io.stockwise.cli.grpc.DynamicCalls;
import io.stockwise.cli.grpc.Headers;
import io.stockwise.cli.grpc.ServerReflection;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code stockwise call HOST:PORT SERVICE/METHOD [JSON]}: calls any rpc of a running gRPC server
 * with a JSON request and prints the JSON response(s), like grpcurl. The server must offer gRPC
 * server reflection, which gives the request and response types.
 */
@Command(
        name = "call",
        mixinStandardHelpOptions = true,
        versionProvider = StockwiseCommand.VersionProvider.class,
        sortOptions = false,
        description = {
            "Calls an rpc of a running gRPC server with a JSON request and prints the JSON response,"
                    + " like grpcurl. The request and response types come from the server's gRPC server"
                    + " reflection.",
            "Unary and server-streaming methods take one JSON object; client- and bidi-streaming methods"
                    + " take a JSON array, one element per request message. Each response message is"
                    + " printed as one JSON document (proto field names, default values left out).",
            "On a gRPC error it prints ERROR <code>: <description> and the google.rpc.Status details"
                    + " to standard error.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  stockwise call localhost:9000 list",
            "  stockwise call localhost:9000 list FeatureService",
            "  stockwise call localhost:9000 FeatureService/GetDemandHistory \\",
            "      '{\"series\": {\"sku_id\": \"FOODS_1_001\", \"location_id\": \"CA_1\"}}'",
            "  stockwise call localhost:9000 IngestionService/IngestSales @batches.json",
            "  echo '{}' | stockwise call -H 'authorization:Bearer x' \\",
            "      localhost:9000 stockwise.v1.IngestionService/GetIngestionStats -"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:the server answered with a gRPC error (or could not be reached)",
            "2:invalid usage: bad arguments, options, service or method name, JSON"
        })
public class CallCommand implements Callable<Integer> {
    /** The SERVICE/METHOD argument that lists services instead of calling one. */
    static final String LIST = "list";

    @Spec
    CommandSpec spec;

    @ParentCommand
    StockwiseCommand parent;

    @Parameters(index = "0", paramLabel = "HOST:PORT", description = "The server, e.g. localhost:9000.")
    String address;

    @Parameters(
            index = "1",
            paramLabel = "SERVICE/METHOD",
            description = {
                "The rpc to call: a fully-qualified service (stockwise.v1.ForecastService) or its short name"
                        + " when unambiguous (ForecastService), then / and the method name.",
                "'list' lists the services and their methods instead."
            })
    String target;

    @Parameters(
            index = "2",
            arity = "0..1",
            paramLabel = "JSON",
            description = {
                "The request as JSON (proto3 JSON mapping); '-' reads it from standard input, @FILE from"
                        + " FILE. Default: {} (or [] for client-streaming methods).",
                "With 'list': an optional service whose methods alone are listed."
            })
    String json;

    @Option(
            names = "--deadline",
            paramLabel = "SECONDS",
            defaultValue = "30",
            description = "Deadline of the whole call, server reflection included, in seconds (default: ${DEFAULT-VALUE}).")
    double deadlineSeconds;

    @Option(
            names = "--plaintext",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "Connect without TLS (default: ${DEFAULT-VALUE}); --no-plaintext uses TLS with the JVM's trust store.")
    boolean plaintext;

    @Option(
            names = "--cacert",
            paramLabel = "PEM",
            description = "Use TLS and trust the certificates in this PEM file (the server's certificate or its CA).")
    java.nio.file.Path caCertificates;

    @Option(
            names = "--cert",
            paramLabel = "PEM",
            description = "Client certificate chain (PEM) presented for mutual TLS; needs --key.")
    java.nio.file.Path clientCertificate;

    @Option(
            names = "--key",
            paramLabel = "PEM",
            description = "Private key (PKCS#8 PEM) of the --cert client certificate.")
    java.nio.file.Path clientKey;

    @Option(
            names = "--token",
            paramLabel = "JWT",
            defaultValue = "${env:STOCKWISE_TOKEN}",
            description = "Bearer token sent as 'authorization: Bearer JWT' (default: the STOCKWISE_TOKEN environment variable).")
    String token;

    @Option(
            names = {"-H", "--header"},
            paramLabel = "KEY:VALUE",
            description = "A metadata header sent with the call and the reflection requests; repeatable."
                    + " Keys ending in -bin take base64 values.")
    List<String> headers = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if ((clientCertificate == null) != (clientKey == null)) {
            throw new UsageException("--cert and --key go together");
        }
        if (!(deadlineSeconds > 0) || deadlineSeconds > TimeUnit.DAYS.toSeconds(365)) {
            throw new UsageException("--deadline must be a positive number of seconds, got " + deadlineSeconds);
        }
        Metadata metadata;
        try {
            metadata = Headers.parse(headers);
            if (token != null && !token.isBlank()) {
                metadata.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token.trim());
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
        boolean list = LIST.equals(target);
        String rpcService = null;
        String rpcMethod = null;
        String input = null;
        if (!list) {
            String[] parts = splitTarget(target);
            rpcService = parts[0];
            rpcMethod = parts[1];
            input = json == null ? null : readInput(json);
        }
        ManagedChannel managedChannel;
        try {
            managedChannel = plaintext && caCertificates == null && clientCertificate == null
                    ? Channels.plaintext(address)
                    : Channels.tls(address, caCertificates, clientCertificate, clientKey);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
        try {
            Channel channel = ClientInterceptors.intercept(
                    managedChannel, MetadataUtils.newAttachHeadersInterceptor(metadata));
            CallOptions options = CallOptions.DEFAULT.withDeadline(
                    Deadline.after(Math.round(deadlineSeconds * 1000), TimeUnit.MILLISECONDS));
            ServerReflection reflection = new ServerReflection(channel, options, address);
            if (list) {
                list(reflection, json, out);
            } else {
                call(reflection, channel, options, rpcService, rpcMethod, input, out);
            }
            return StockwiseCommand.EXIT_OK;
        } finally {
            Channels.close(managedChannel);
        }
    }

    private void call(
            ServerReflection reflection,
            Channel channel,
            CallOptions options,
            String serviceArg,
            String methodArg,
            String input,
            PrintWriter out) {
        List<String> services = reflection.listServices();
        if (target.indexOf('/') < 0 && services.contains(target)) {
            // "pkg.Service" split as service "pkg", method "Service": the method is missing.
            throw new UsageException("'" + target + "' is a service: add /METHOD (its methods: "
                    + methodNames(reflection.service(target)) + ")");
        }
        Descriptors.ServiceDescriptor service = reflection.service(resolveService(services, serviceArg));
        Descriptors.MethodDescriptor method = service.findMethodByName(methodArg);
        if (method == null) {
            throw new UsageException("service " + service.getFullName() + " has no method '" + methodArg
                    + "'; its methods: " + methodNames(service));
        }
        JsonFormat.TypeRegistry types = reflection.typeRegistry();
        if (input == null) {
            input = method.isClientStreaming() ? "[]" : "{}";
        }
        List<DynamicMessage> requests = JsonRequests.parse(input, method, types);
        JsonFormat.Printer printer = JsonFormat.printer().preservingProtoFieldNames().usingTypeRegistry(types);
        DynamicCalls.call(channel, method, options, requests, response -> {
            try {
                out.println(printer.print(response));
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("cannot print a " + response.getDescriptorForType().getFullName()
                        + " as JSON: " + e.getMessage(), e);
            }
            out.flush();
        });
    }

    private static String methodNames(Descriptors.ServiceDescriptor service) {
        return String.join(", ", service.getMethods().stream().map(Descriptors.MethodDescriptor::getName).toList());
    }

    private void list(ServerReflection reflection, String serviceArg, PrintWriter out) {
        List<String> services = reflection.listServices().stream().sorted().toList();
        if (serviceArg != null) {
            services = List.of(resolveService(services, serviceArg));
        }
        for (String name : services) {
            out.println(name);
            Descriptors.ServiceDescriptor service;
            try {
                service = reflection.service(name);
            } catch (StatusRuntimeException e) {
                out.println("  (no descriptor: " + e.getStatus().getCode() + " " + e.getStatus().getDescription() + ")");
                continue;
            }
            for (Descriptors.MethodDescriptor method : service.getMethods()) {
                out.println("  rpc " + method.getName()
                        + "(" + (method.isClientStreaming() ? "stream " : "") + method.getInputType().getFullName()
                        + ") returns (" + (method.isServerStreaming() ? "stream " : "")
                        + method.getOutputType().getFullName() + ")");
            }
        }
        out.flush();
    }

    /** Splits SERVICE/METHOD (or SERVICE.METHOD, as grpcurl also accepts). */
    static String[] splitTarget(String target) {
        int slash = target.lastIndexOf('/');
        int at = slash >= 0 ? slash : target.lastIndexOf('.');
        if (at <= 0 || at == target.length() - 1) {
            throw new UsageException("invalid rpc '" + target
                    + "': expected SERVICE/METHOD, e.g. stockwise.v1.FeatureService/GetDemandHistory, or 'list'");
        }
        return new String[] {target.substring(0, at), target.substring(at + 1)};
    }

    /**
     * The fully-qualified name among {@code services} that {@code name} means: itself, or the one
     * service whose name ends with {@code .name}.
     */
    static String resolveService(List<String> services, String name) {
        if (services.contains(name)) {
            return name;
        }
        List<String> matches = services.stream().filter(s -> s.endsWith("." + name)).toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            throw new UsageException("the server has no service '" + name + "'; its services: "
                    + String.join(", ", services.stream().sorted().toList()));
        }
        throw new UsageException("service name '" + name + "' is ambiguous: it may be "
                + String.join(" or ", matches.stream().sorted().toList()) + "; give the full name");
    }

    private String readInput(String arg) {
        try {
            if (arg.equals("-")) {
                return new String(parent.stdin().readAllBytes(), StandardCharsets.UTF_8);
            }
            if (arg.startsWith("@")) {
                return Files.readString(Path.of(arg.substring(1)), StandardCharsets.UTF_8);
            }
        } catch (NoSuchFileException e) {
            throw new UsageException("cannot read the JSON request: no file " + e.getFile());
        } catch (IOException e) {
            throw new UsageException("cannot read the JSON request: " + e, e);
        } catch (UncheckedIOException e) {
            throw new UsageException("cannot read the JSON request: " + e.getCause(), e);
        }
        return arg;
    }
}
