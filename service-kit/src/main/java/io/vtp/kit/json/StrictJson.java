package io.vtp.kit.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;

/**
 * The REST mapper reads request bodies strictly, in every service: snake_case names; unknown,
 * duplicate and trailing content rejected; no guessing between numbers, text and booleans; depth
 * and string length bounded; text that PostgreSQL or any other reader would mangle (U+0000, a lone
 * UTF-16 surrogate) refused. Control characters are refused only where a field says so
 * ({@link PlainText}). Events are written and read with {@link EventJson}, never with this mapper.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    /** Deepest nesting of objects and arrays a request body may have ({@code vtp.kit.json.max-nesting-depth}). */
    static final String MAX_DEPTH = "vtp.kit.json.max-nesting-depth";
    /** Longest string value in characters ({@code vtp.kit.json.max-string-length}). */
    static final String MAX_STRING = "vtp.kit.json.max-string-length";

    // Read from Config directly, not a @ConfigMapping: the mapper is built during static init
    // (Hibernate's JSON format mapper asks for it), before runtime config mappings exist.
    private final int maxDepth = ConfigProvider.getConfig().getOptionalValue(MAX_DEPTH, Integer.class).orElse(32);
    private final int maxStringLength = ConfigProvider.getConfig().getOptionalValue(MAX_STRING, Integer.class)
            .orElse(65_536);

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(maxDepth)
                .maxStringLength(maxStringLength)
                .build());
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.registerModule(new SimpleModule("vtp-strict-text")
                .addDeserializer(String.class, new WellFormedText(maxStringLength))
                .addKeyDeserializer(String.class, new WellFormedKey()));
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Float)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    }

    /**
     * Text that is valid Unicode and holds no U+0000; the field's own constraints do the rest. A
     * string over the length limit fails here too, so the 400 can name its field.
     */
    static final class WellFormedText extends StdScalarDeserializer<String> {
        private final int maxLength;

        WellFormedText(int maxLength) {
            super(String.class);
            this.maxLength = maxLength;
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value;
            try {
                value = StringDeserializer.instance.deserialize(parser, context);
            } catch (StreamConstraintsException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("String value length")) {
                    throw InvalidFormatException.from(parser, "must not be longer than " + maxLength + " characters",
                            null, String.class);
                }
                throw e;
            }
            if (value != null && !Texts.isWellFormed(value)) {
                throw InvalidFormatException.from(parser, "must be valid Unicode text without U+0000", null, String.class);
            }
            return value;
        }
    }

    /** Object keys (of {@code Map<String, ...>} fields) are held to the same rule as text values. */
    static final class WellFormedKey extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext context) throws IOException {
            if (key != null && !Texts.isWellFormed(key)) {
                throw InvalidFormatException.from(context.getParser(), "must be valid Unicode text without U+0000",
                        null, String.class);
            }
            return key;
        }
    }
}
