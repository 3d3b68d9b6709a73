package org.mailgate.api.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/** Reads an XML configuration file into {@link XmlElement}s that remember their line numbers. */
public final class XmlConfigFile {

    private XmlConfigFile() {
    }

    /**
     * Parses {@code path}; the file name in errors is {@code displayName} (for example
     * {@code conf/smtpserver.xml}). A file that is not well-formed XML, or cannot be read, throws a
     * {@link ConfigException} naming the line.
     */
    public static XmlElement read(Path path, String displayName) {
        try (InputStream in = Files.newInputStream(path)) {
            return parse(in, displayName);
        } catch (NoSuchFileException e) {
            throw new ConfigException(new ConfigError(displayName, 0, "file not found"));
        } catch (IOException e) {
            throw new ConfigException(new ConfigError(displayName, 0, "cannot read: " + e.getMessage()));
        }
    }

    public static XmlElement parse(InputStream in, String displayName) throws IOException {
        Builder builder = new Builder(displayName);
        try {
            newParser().parse(in, builder);
        } catch (SAXParseException e) {
            throw new ConfigException(new ConfigError(displayName, e.getLineNumber(),
                    "not well-formed XML: " + e.getMessage()));
        } catch (SAXException e) {
            throw new ConfigException(new ConfigError(displayName, 0, "not well-formed XML: " + e.getMessage()));
        }
        if (builder.root == null) {
            throw new ConfigException(new ConfigError(displayName, 0, "no root element"));
        }
        return builder.root;
    }

    private static SAXParser newParser() {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(false);
            // Configuration never needs a DTD or external entities: refuse them (no XXE).
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return factory.newSAXParser();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be configured", e);
        }
    }

    private static final class Builder extends DefaultHandler {
        private final String file;
        private final Deque<Pending> open = new ArrayDeque<>();
        private Locator locator;
        private XmlElement root;

        Builder(String file) {
            this.file = file;
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            Map<String, String> attrs = new LinkedHashMap<>();
            for (int i = 0; i < attributes.getLength(); i++) {
                attrs.put(attributes.getQName(i), attributes.getValue(i));
            }
            open.push(new Pending(qName, locator == null ? 0 : locator.getLineNumber(), attrs));
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (!open.isEmpty()) {
                open.peek().text.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            Pending done = open.pop();
            XmlElement element = new XmlElement(file, done.line, done.name, done.attributes,
                    done.text.toString().trim(), done.children);
            if (open.isEmpty()) {
                root = element;
            } else {
                open.peek().children.add(element);
            }
        }
    }

    private static final class Pending {
        final String name;
        final int line;
        final Map<String, String> attributes;
        final StringBuilder text = new StringBuilder();
        final List<XmlElement> children = new ArrayList<>();

        Pending(String name, int line, Map<String, String> attributes) {
            this.name = name;
            this.line = line;
            this.attributes = attributes;
        }
    }
}
