package io.stockwise.cli.call;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.stockwise.cli.UsageException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/** Turns the JSON text given to {@code stockwise call} into request messages. */
final class JsonRequests {
    private JsonRequests() {}

    /**
     * Parses {@code json} (strict JSON) into the request messages of {@code method}: one JSON
     * object for unary and server-streaming methods; a JSON array of objects, one per message,
     * for client- and bidi-streaming methods.
     *
     * @throws UsageException naming what is wrong: syntax (with line and column), shape, field
     */
    static List<DynamicMessage> parse(String json, Descriptors.MethodDescriptor method, JsonFormat.TypeRegistry types) {
        Descriptors.Descriptor type = method.getInputType();
        if (json.isBlank()) {
            throw new UsageException("the JSON request is empty");
        }
        JsonElement root = parseStrict(json);
        JsonFormat.Parser parser = JsonFormat.parser().usingTypeRegistry(types);
        List<DynamicMessage> messages = new ArrayList<>();
        if (method.isClientStreaming()) {
            if (!root.isJsonArray()) {
                throw new UsageException(method.getFullName() + " is client-streaming: give a JSON array of "
                        + type.getFullName() + " objects, one per message (got " + kind(root) + ")");
            }
            int size = root.getAsJsonArray().size();
            for (int i = 0; i < size; i++) {
                JsonElement element = root.getAsJsonArray().get(i);
                String where = "message #" + (i + 1) + " of " + size + " (" + type.getFullName() + ")";
                messages.add(toMessage(element, type, parser, where));
            }
        } else {
            if (root.isJsonArray()) {
                throw new UsageException(method.getFullName() + " takes one request: give a JSON object ("
                        + type.getFullName() + "), not an array");
            }
            messages.add(toMessage(root, type, parser, "request (" + type.getFullName() + ")"));
        }
        return messages;
    }

    private static DynamicMessage toMessage(
            JsonElement element, Descriptors.Descriptor type, JsonFormat.Parser parser, String where) {
        if (!element.isJsonObject()) {
            throw new UsageException("invalid " + where + ": expected a JSON object, got " + kind(element));
        }
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
        try {
            parser.merge(element.toString(), builder);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new UsageException("invalid " + where + ": " + firstLine(e.getMessage()), e);
        }
        return builder.build();
    }

    private static JsonElement parseStrict(String json) {
        try {
            JsonReader reader = new JsonReader(new StringReader(json));
            reader.setStrictness(Strictness.STRICT);
            JsonElement root = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new UsageException("invalid JSON: unexpected text after the JSON value, at "
                        + reader.getPath().replace("$", "top level"));
            }
            return root;
        } catch (JsonParseException | IOException e) {
            String message = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage()
                    : e.getMessage();
            throw new UsageException("invalid JSON: " + explain(firstLine(message)), e);
        }
    }

    /** Gson's strict-mode message tells how to configure Gson; say what is wrong instead. */
    private static String explain(String message) {
        String lenient = "Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON";
        if (message.startsWith(lenient)) {
            return "not strict JSON" + message.substring(lenient.length())
                    + " (unquoted names or strings, single quotes, comments, or text after the value)";
        }
        return message;
    }

    private static String kind(JsonElement element) {
        if (element.isJsonArray()) {
            return "an array";
        }
        if (element.isJsonObject()) {
            return "an object";
        }
        if (element.isJsonNull()) {
            return "null";
        }
        return "the value " + element;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
