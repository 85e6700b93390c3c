package io.vtp.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** asyncapi.yaml, the schema files and {@link EventType} describe the same catalogue. */
class AsyncApiTest {

    private static final String SCHEMA_REF_PREFIX = "./schemas/";
    private static JsonNode asyncApi;

    @BeforeAll
    static void parse() throws Exception {
        asyncApi = new ObjectMapper(new YAMLFactory()).readTree(EventCatalog.readResource(EventCatalog.ASYNCAPI_RESOURCE));
    }

    @Test
    void isAnAsyncApi3DocumentWithTheLocalKafkaServer() {
        assertEquals("3.0.0", asyncApi.path("asyncapi").asText());
        assertEquals("127.0.0.1:9092", asyncApi.at("/servers/local/host").asText());
        assertEquals("kafka", asyncApi.at("/servers/local/protocol").asText());
        assertTrue(asyncApi.at("/info/description").asText().contains("ce_id"));
    }

    @Test
    void everyReferencedSchemaExistsAndEverySchemaIsReferenced() throws Exception {
        Set<String> referenced = new HashSet<>();
        for (String ref : refs(asyncApi)) {
            if (!ref.startsWith("#")) {
                assertTrue(ref.startsWith(SCHEMA_REF_PREFIX), "relative schema ref " + ref);
                referenced.add(ref.substring(SCHEMA_REF_PREFIX.length()));
            }
        }
        assertEquals(EventCatalogTest.schemaFileNames(), referenced);
    }

    @Test
    void everyInternalReferenceResolves() {
        for (String ref : refs(asyncApi)) {
            if (ref.startsWith("#")) {
                assertFalse(asyncApi.at(ref.substring(1)).isMissingNode(), "unresolved " + ref);
            }
        }
    }

    @Test
    void channelsAreTheTopicsAndCarryTheCataloguedTypes() {
        Map<String, Set<String>> documented = new HashMap<>();
        for (Map.Entry<String, JsonNode> channel : asyncApi.path("channels").properties()) {
            Set<String> names = new HashSet<>();
            for (JsonNode message : channel.getValue().path("messages")) {
                JsonNode resolved = asyncApi.at(message.path("$ref").asText().substring(1));
                String name = resolved.path("name").asText();
                assertEquals(SCHEMA_REF_PREFIX + name + ".json", resolved.at("/payload/$ref").asText(), name);
                names.add(name);
            }
            documented.put(channel.getValue().path("address").asText(), names);
        }
        for (Topic topic : Topic.values()) {
            Set<String> catalogued = EventCatalog.typesOn(topic).stream().map(EventType::type).collect(Collectors.toSet());
            assertEquals(catalogued, documented.get(topic.topicName()), topic.topicName());
        }
        assertEquals(Topic.values().length, documented.size());
    }

    @Test
    void everyChannelHasASendOperation() {
        Set<String> sent = new HashSet<>();
        for (JsonNode operation : asyncApi.path("operations")) {
            assertEquals("send", operation.path("action").asText());
            sent.add(operation.at("/channel/$ref").asText());
        }
        Set<String> channels = new HashSet<>();
        asyncApi.path("channels").properties().forEach(channel -> channels.add("#/channels/" + channel.getKey()));
        assertEquals(channels, sent);
    }

    @Test
    void theCloudEventTraitDocumentsTheBinaryModeHeaders() {
        JsonNode headers = asyncApi.at("/components/messageTraits/cloudEvent/headers/properties");
        for (String header : List.of("ce_specversion", "ce_id", "ce_source", "ce_type", "ce_subject", "ce_time", "content-type")) {
            assertTrue(headers.has(header), header);
        }
        assertEquals("application/json", headers.at("/content-type/const").asText());
    }

    private static List<String> refs(JsonNode node) {
        List<String> refs = new ArrayList<>();
        if (node.has("$ref")) {
            refs.add(node.path("$ref").asText());
        }
        node.forEach(child -> refs.addAll(refs(child)));
        return refs;
    }
}
