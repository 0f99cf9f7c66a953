//! `artlint learn` on a generated multi-site corpus: each site's template
//! around varied article text.

mod common;

use std::path::Path;

const WORDS: &[&str] = &[
    "council", "harbour", "budget", "river", "school", "tram", "mayor", "vote", "bridge", "market",
    "winter", "station", "library", "museum", "garden", "plan", "road", "festival", "court",
    "hospital",
];

/// A sentence that varies with `seed`: no two documents share one.
fn sentence(seed: usize) -> String {
    let word = |k: usize| WORDS[(seed * 7 + k * 13 + seed / 3) % WORDS.len()];
    format!(
        "The {} and the {} were discussed for {} minutes near the {} on day {seed}.",
        word(1),
        word(2),
        seed % 90 + 5,
        word(3)
    )
}

struct Site {
    name: &'static str,
    head: &'static [&'static str],
    foot: &'static [&'static str],
}

const SITES: &[Site] = &[
    Site {
        name: "www.harbour-times.com",
        head: &[
            "Harbour Times",
            "News Sport Weather Opinion",
            "Sign in to Harbour Times",
        ],
        foot: &[
            "© 2024 Harbour Times Media Ltd",
            "Contact the newsroom | Advertise with us",
        ],
    },
    Site {
        name: "valley-gazette.org",
        head: &[
            "The Valley Gazette",
            "Local | County | Schools | Obituaries",
        ],
        foot: &[
            "Valley Gazette is published by Valley Press Co.",
            "Tip line: 555-0100",
        ],
    },
    Site {
        name: "blog.riverwalk.net",
        head: &["Riverwalk Notes — a blog about the river"],
        foot: &[
            "Filed under: river, walks",
            "Powered by a static site generator we like",
        ],
    },
];

fn write_corpus(root: &Path, docs: usize) {
    for (s, site) in SITES.iter().enumerate() {
        for d in 0..docs {
            let seed = s * 1000 + d * 10;
            let mut text = String::new();
            for line in site.head {
                text.push_str(line);
                text.push('\n');
            }
            text.push_str(&format!(
                "Headline number {seed} about the {}\n",
                WORDS[seed % WORDS.len()]
            ));
            for k in 0..5 {
                text.push_str(&sentence(seed + k));
                text.push('\n');
            }
            if d < 2 {
                // On two pages only: a story's own repeated line.
                text.push_str("A correction was appended to this story.\n");
            }
            for line in site.foot {
                text.push_str(line);
                text.push('\n');
            }
            common::write(root, &format!("{}/page{d}.txt", site.name), &text);
        }
    }
}

#[test]
fn every_template_line_and_no_article_line_is_learned() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write_corpus(&corpus, 12);
    let packs = dir.path().join("packs");
    let out = common::artlint()
        .args(["learn", "-o"])
        .arg(&packs)
        .arg(&corpus)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("learned from 36 documents of 3 site(s); 3 pack(s) written"),
        "{err}"
    );
    for site in SITES {
        let name = site.name.replace('.', "-");
        let pack = std::fs::read_to_string(packs.join(format!("{name}.toml"))).unwrap();
        let rules = artlint::load_pack(&[artlint::PackFile {
            path: format!("{name}.toml"),
            text: pack.clone(),
        }])
        .expect("the learned pack loads");
        assert_eq!(&*rules[0].id, format!("scrape/learned-{name}"));
        for line in site.head.iter().chain(site.foot) {
            assert!(
                pack.contains(&format!("{line:?}")),
                "{line} not learned:\n{pack}"
            );
        }
        for not in [
            "Headline number",
            "were discussed",
            "A correction was appended",
        ] {
            assert!(!pack.contains(not), "{not} learned:\n{pack}");
        }
    }
    // The packs load with `check --rules` and flag the template on a new page.
    common::write(
        dir.path(),
        "new.txt",
        "Harbour Times\nThe mayor opened the bridge on Monday.\n© 2024 Harbour Times Media Ltd\n",
    );
    let out = common::artlint()
        .current_dir(dir.path())
        .args([
            "check",
            "--isolated",
            "--rules",
            "packs",
            "--select",
            "scrape/learned-*",
        ])
        .args(["--format", "concise", "-q", "new.txt"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "new.txt:1:1: warning[scrape/learned-www-harbour-times-com] [*] template line of www.harbour-times.com 'Harbour Times'\n\
         new.txt:3:1: warning[scrape/learned-www-harbour-times-com] [*] template line of www.harbour-times.com '© 2024 Harbour Times Media Ltd'\n"
    );
    // And pass their own examples.
    let out = common::artlint()
        .arg("test-rules")
        .arg(&packs)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn too_few_documents_learn_nothing_and_jsonl_sites_come_from_urls() {
    let dir = tempfile::tempdir().unwrap();
    let mut jsonl = String::new();
    for d in 0..6 {
        let text = format!(
            "Example Daily\n{}\nExample Daily footer line\n",
            sentence(d)
        );
        jsonl.push_str(
            &serde_json::json!({"url": format!("https://news.example.com/a/{d}"), "text": text})
                .to_string(),
        );
        jsonl.push('\n');
    }
    jsonl.push_str(
        &serde_json::json!({"url": "https://lonely.example.org/x", "text": "Lonely header\n"})
            .to_string(),
    );
    jsonl.push('\n');
    common::write(dir.path(), "corpus.jsonl", &jsonl);
    let out = common::artlint()
        .current_dir(dir.path())
        .args(["learn", "-o", "packs", "corpus.jsonl"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let packs: Vec<String> = std::fs::read_dir(dir.path().join("packs"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(packs, ["news-example-com.toml"]);
    let pack = std::fs::read_to_string(dir.path().join("packs/news-example-com.toml")).unwrap();
    assert!(
        pack.contains("\"Example Daily\",  # 6 of 6 documents, e.g. corpus.jsonl:1"),
        "{pack}"
    );
}
