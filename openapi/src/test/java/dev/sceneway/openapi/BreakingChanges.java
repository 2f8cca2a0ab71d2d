package dev.sceneway.openapi;

import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.openapitools.openapidiff.core.model.Changed;
import org.openapitools.openapidiff.core.model.ChangedApiResponse;
import org.openapitools.openapidiff.core.model.ChangedContent;
import org.openapitools.openapidiff.core.model.ChangedHeader;
import org.openapitools.openapidiff.core.model.ChangedHeaders;
import org.openapitools.openapidiff.core.model.ChangedList;
import org.openapitools.openapidiff.core.model.ChangedMediaType;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.model.ChangedOperation;
import org.openapitools.openapidiff.core.model.ChangedParameter;
import org.openapitools.openapidiff.core.model.ChangedParameters;
import org.openapitools.openapidiff.core.model.ChangedResponse;
import org.openapitools.openapidiff.core.model.ChangedSchema;
import org.openapitools.openapidiff.core.model.Endpoint;

/**
 * Turns openapi-diff's verdict into lines a spec author can act on: {@code METHOD path: what broke}. Only the
 * incompatible parts of the diff are listed; anything incompatible that this walk cannot name is still reported, in
 * general terms, so an incompatible diff never yields an empty list.
 */
final class BreakingChanges {

    private BreakingChanges() {
    }

    static List<String> of(ChangedOpenApi diff) {
        List<String> changes = new ArrayList<>();
        for (Endpoint removed : diff.getMissingEndpoints()) {
            changes.add(removed.getMethod() + " " + removed.getPathUrl() + ": operation removed");
        }
        for (ChangedOperation operation : diff.getChangedOperations()) {
            if (operation.isIncompatible()) {
                operation(operation, changes);
            }
        }
        if (diff.isIncompatible() && changes.isEmpty()) {
            changes.add("incompatible change outside the operations (security schemes or extensions)");
        }
        return changes;
    }

    private static void operation(ChangedOperation operation, List<String> changes) {
        String where = operation.getHttpMethod() + " " + operation.getPathUrl() + ": ";
        int before = changes.size();
        Consumer<String> out = change -> changes.add(where + change);
        if (incompatible(operation.getOperationId())) {
            out.accept("operationId changed (generated SDK methods are named after it)");
        }
        if (incompatible(operation.getParameters())) {
            parameters(operation.getParameters(), out);
        }
        if (incompatible(operation.getRequestBody())) {
            if (operation.getRequestBody().isChangeRequired()) {
                out.accept("request body became required");
            }
            content("request body", operation.getRequestBody().getContent(), out);
        }
        if (incompatible(operation.getApiResponses())) {
            responses(operation.getApiResponses(), out);
        }
        if (incompatible(operation.getSecurityRequirements())) {
            out.accept("security requirements changed (a new scheme or scope is needed)");
        }
        if (changes.size() == before) {
            out.accept("incompatible change");
        }
    }

    private static void parameters(ChangedParameters parameters, Consumer<String> out) {
        for (Parameter removed : parameters.getMissing()) {
            out.accept(parameter(removed.getName(), removed.getIn()) + " removed");
        }
        for (Parameter added : parameters.getIncreased()) {
            if (Boolean.TRUE.equals(added.getRequired())) {
                out.accept("new required " + parameter(added.getName(), added.getIn()));
            }
        }
        for (ChangedParameter changed : parameters.getChanged()) {
            if (!changed.isIncompatible()) {
                continue;
            }
            String name = parameter(changed.getName(), changed.getIn());
            if (changed.isChangeRequired()) {
                out.accept(name + " became required");
            }
            if (changed.isChangeStyle() || changed.isChangeExplode() || changed.isChangeAllowEmptyValue()) {
                out.accept(name + ": serialisation (style, explode or allowEmptyValue) changed");
            }
            schema(name, changed.getSchema(), out);
        }
    }

    private static void responses(ChangedApiResponse responses, Consumer<String> out) {
        responses.getMissing().keySet().forEach(status -> out.accept("response " + status + " removed"));
        for (Map.Entry<String, ChangedResponse> entry : responses.getChanged().entrySet()) {
            ChangedResponse response = entry.getValue();
            if (!response.isIncompatible()) {
                continue;
            }
            String where = "response " + entry.getKey();
            ChangedHeaders headers = response.getHeaders();
            if (incompatible(headers)) {
                headers.getMissing().keySet().forEach(header -> out.accept(where + ": header " + header + " removed"));
                for (Map.Entry<String, ChangedHeader> header : headers.getChanged().entrySet()) {
                    if (header.getValue().isIncompatible()) {
                        out.accept(where + ": header " + header.getKey() + " changed incompatibly");
                    }
                }
            }
            content(where, response.getContent(), out);
        }
    }

    private static void content(String where, @Nullable ChangedContent content, Consumer<String> out) {
        if (!incompatible(content)) {
            return;
        }
        content.getMissing().keySet().forEach(type -> out.accept(where + ": media type " + type + " removed"));
        for (Map.Entry<String, ChangedMediaType> type : content.getChanged().entrySet()) {
            if (type.getValue().isIncompatible()) {
                schema(where + " " + type.getKey() + " body", type.getValue().getSchema(), out);
            }
        }
    }

    /** Names what broke in {@code schema} and, recursively, in its properties and items. */
    private static void schema(String where, @Nullable ChangedSchema schema, Consumer<String> out) {
        if (!incompatible(schema)) {
            return;
        }
        boolean response = schema.getContext() != null && schema.getContext().isResponse();
        if (schema.isChangedType()) {
            out.accept(where + ": type changed");
        }
        if (response) {
            schema.getMissingProperties().keySet().forEach(name -> out.accept(where + ": property " + name + " removed"));
        }
        ChangedList<String> required = schema.getRequired();
        if (incompatible(required)) {
            if (response) {
                required.getMissing().forEach(name -> out.accept(where + ": property " + name + " no longer required"));
            } else {
                required.getIncreased().forEach(name -> out.accept(where + ": property " + name + " became required"));
            }
        }
        List.of(constraint("enum", schema.getEnumeration()), constraint("maxLength", schema.getMaxLength()),
                        constraint("minLength", schema.getMinLength()), constraint("pattern", schema.getPattern()),
                        constraint("minimum/maximum", schema.getNumericRange()),
                        constraint("readOnly", schema.getReadOnly()), constraint("writeOnly", schema.getWriteOnly()),
                        constraint("minProperties", schema.getMinProperties()),
                        constraint("maxProperties", schema.getMaxProperties()), constraint("oneOf", schema.getOneOfSchema()))
                .stream().filter(name -> !name.isEmpty())
                .forEach(name -> out.accept(where + ": " + name + " changed incompatibly"));
        if (schema.isDiscriminatorPropertyChanged()) {
            out.accept(where + ": discriminator changed");
        }
        schema.getChangedProperties().forEach((name, property) -> schema(where + "." + name, property, out));
        schema(where + "[]", schema.getItems(), out);
        schema(where + " (additionalProperties)", schema.getAddProp(), out);
    }

    private static String constraint(String name, @Nullable Changed changed) {
        return incompatible(changed) ? name : "";
    }

    private static String parameter(String name, String in) {
        return in + " parameter '" + name + "'";
    }

    private static boolean incompatible(@Nullable Changed changed) {
        return changed != null && changed.isIncompatible();
    }
}
