package dev.hermesharden.engine;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.Optional;

/**
 * The state file's JSON mapping: instants as ISO-8601 text, {@code Optional} as its value or {@code
 * null} (written here rather than pulling in another Jackson module), unknown fields refused so a
 * foreign file does not half-load.
 */
final class JsonCodec {
  private JsonCodec() {}

  static ObjectMapper mapper() {
    SimpleModule optional = new SimpleModule("optional-as-nullable");
    optional.addSerializer(new OptionalSerializer());
    optional.addDeserializer(Optional.class, new OptionalDeserializer(null));
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .registerModule(optional)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(SerializationFeature.INDENT_OUTPUT);
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static final class OptionalSerializer extends JsonSerializer<Optional> {
    @Override
    public Class<Optional> handledType() {
      return Optional.class;
    }

    @Override
    public void serialize(Optional value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      if (value.isPresent()) {
        provider.defaultSerializeValue(value.get(), gen);
      } else {
        gen.writeNull();
      }
    }
  }

  @SuppressWarnings("rawtypes")
  private static final class OptionalDeserializer extends JsonDeserializer<Optional>
      implements ContextualDeserializer {
    private final JavaType content;

    OptionalDeserializer(JavaType content) {
      this.content = content;
    }

    @Override
    public JsonDeserializer<?> createContextual(
        DeserializationContext ctxt, BeanProperty property) {
      JavaType type = property != null ? property.getType() : ctxt.getContextualType();
      JavaType inner = type == null ? null : type.containedType(0);
      return new OptionalDeserializer(inner);
    }

    @Override
    public Optional deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (content == null) {
        throw ctxt.instantiationException(Optional.class, "Optional without a content type");
      }
      return Optional.ofNullable(ctxt.readValue(p, content));
    }

    @Override
    public Optional getNullValue(DeserializationContext ctxt) {
      return Optional.empty();
    }
  }
}
