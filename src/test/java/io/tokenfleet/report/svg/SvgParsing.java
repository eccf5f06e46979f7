package io.tokenfleet.report.svg;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Parses the SVG fragments of a page with the JDK's XML parser (which fails on anything not well-formed). */
public final class SvgParsing {
  private SvgParsing() {}

  /** Every {@code <svg ...>...</svg>} fragment of {@code html}, in order, parsed as a namespace-aware XML document. */
  public static List<Document> parseAll(String html) {
    List<Document> out = new ArrayList<>();
    int from = 0;
    while (true) {
      int start = html.indexOf("<svg", from);
      if (start < 0) {
        return out;
      }
      int end = html.indexOf("</svg>", start);
      if (end < 0) {
        throw new AssertionError("unclosed <svg> at offset " + start);
      }
      out.add(parse(html.substring(start, end + "</svg>".length())));
      from = end;
    }
  }

  public static Document parse(String svg) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      Document doc = builder.parse(new InputSource(new StringReader(svg)));
      if (!"http://www.w3.org/2000/svg".equals(doc.getDocumentElement().getNamespaceURI())) {
        throw new AssertionError("root is not an SVG element: " + doc.getDocumentElement().getNamespaceURI());
      }
      return doc;
    } catch (Exception e) {
      throw new AssertionError("SVG is not well-formed XML: " + e.getMessage() + "\n" + svg, e);
    }
  }

  /** Elements named {@code tag} whose class attribute contains the word {@code cssClass}. */
  public static List<Element> byClass(Document doc, String tag, String cssClass) {
    List<Element> out = new ArrayList<>();
    NodeList nodes = doc.getElementsByTagName(tag);
    for (int i = 0; i < nodes.getLength(); i++) {
      Element e = (Element) nodes.item(i);
      if (List.of(e.getAttribute("class").split(" ")).contains(cssClass)) {
        out.add(e);
      }
    }
    return out;
  }
}
