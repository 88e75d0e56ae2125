//! Post text as HTML: a small Markdown subset (paragraphs and line breaks, emphasis, lists,
//! quotes, inline code and code blocks, links), rendered on the server by `pulldown-cmark` and
//! sanitised by `ammonia`, once, when the post is written.
//!
//! HTML a person types is shown as the text they typed, never interpreted; links may only be
//! http, https or mailto, and open in a new tab without access to this page
//! (`rel="noopener noreferrer nofollow"`). The browser only ever inserts this sanitised HTML.

/// The HTML of a post's text.
pub fn to_html(text: &str) -> String {
    use pulldown_cmark::{html, Event, Options, Parser};
    let events = Parser::new_ext(text, Options::ENABLE_STRIKETHROUGH).map(|event| match event {
        // Typed markup is text.
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        // A line break typed in a post is meant.
        Event::SoftBreak => Event::HardBreak,
        other => other,
    });
    let mut rendered = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut rendered, events);
    ammonia::Builder::default()
        .tags(["p", "br", "strong", "em", "del", "ul", "ol", "li", "blockquote", "code", "pre", "a"].into())
        .generic_attributes(std::collections::HashSet::new())
        .tag_attributes([("a", ["href"].into())].into())
        .url_schemes(["http", "https", "mailto"].into())
        .link_rel(Some("noopener noreferrer nofollow"))
        .set_tag_attribute_value("a", "target", "_blank")
        .clean(&rendered)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::to_html;

    #[test]
    fn the_subset_renders() {
        assert_eq!(to_html("Un **point** *court*"), "<p>Un <strong>point</strong> <em>court</em></p>\n");
        assert_eq!(to_html("- un\n- deux"), "<ul>\n<li>un</li>\n<li>deux</li>\n</ul>\n");
        assert_eq!(to_html("ligne 1\nligne 2"), "<p>ligne 1<br>\nligne 2</p>\n");
    }

    #[test]
    fn typed_markup_is_shown_as_text() {
        let html = to_html("<script>alert(1)</script> et <b>gras</b> <img src=x onerror=alert(1)>");
        assert!(!html.contains("<script") && !html.contains("<b>") && !html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{html}");
        assert!(html.contains("&lt;b&gt;gras&lt;/b&gt;"), "{html}");
    }

    #[test]
    fn links_are_safe() {
        let html = to_html("[site](https://example.org) [piège](javascript:alert(1)) <https://a.test>");
        let site = html.split("</a>").next().unwrap_or_default();
        for part in [r#"href="https://example.org""#, r#"rel="noopener noreferrer nofollow""#, r#"target="_blank""#] {
            assert!(site.contains(part), "{part} in {html}");
        }
        assert!(!html.contains("javascript:"), "{html}");
        assert!(html.contains("piège"), "{html}");
    }

    #[test]
    fn headings_and_images_keep_their_text_only() {
        let html = to_html("# Titre\n\n![photo](https://example.org/x.png)");
        assert!(!html.contains("<h1") && !html.contains("<img"), "{html}");
        assert!(html.contains("Titre"), "{html}");
    }
}
