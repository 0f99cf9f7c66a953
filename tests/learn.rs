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
        pack.contains("\"Example Daily\",  # 6 of 6 documents, e.g. corpus.jsonl:2"),
        "{pack}"
    );
}

/// `artlint check --learn` over `dir/corpus`, concise, only `select`'s rules.
fn check_learn(dir: &Path, select: &str, extra: &[&str]) -> std::process::Output {
    common::artlint()
        .current_dir(dir)
        .args(["check", "--isolated", "--learn", "--select", select])
        .args(["--format", "concise"])
        .args(extra)
        .arg("corpus")
        .output()
        .unwrap()
}

/// `check --learn` learns the templates from the inputs and lints them with
/// the learned packs in one run: on every page of the generated corpus,
/// exactly the template lines are flagged by the learned rules.
#[test]
fn check_learn_flags_each_sites_template_and_no_article_line() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write_corpus(&corpus, 12);
    let out = check_learn(dir.path(), "scrape/learned-*", &["-q"]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let mut expected = Vec::new();
    for site in SITES {
        let rule = format!("scrape/learned-{}", site.name.replace('.', "-"));
        for d in 0..12 {
            let lines: Vec<&str> = site.head.iter().chain(site.foot).copied().collect();
            let foot_at = site.head.len() + 1 + 5 + usize::from(d < 2);
            for (k, line) in lines.iter().enumerate() {
                let at = if k < site.head.len() {
                    k + 1
                } else {
                    foot_at + k - site.head.len() + 1
                };
                expected.push(format!(
                    "corpus/{}/page{d}.txt:{at}:1: warning[{rule}] [*] template line of {} '{line}'",
                    site.name, site.name
                ));
            }
        }
    }
    let mut found: Vec<&str> = stdout.lines().collect();
    found.sort_unstable();
    expected.sort_unstable();
    assert_eq!(found, expected);
    // Said on stderr, with the sites it learned nothing from.
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.is_empty(), "-q: {err}");
    let out = check_learn(dir.path(), "scrape/learned-*", &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "artlint: learned 12 template line(s) of 3 site(s) from 36 documents of 3 site(s)"
        ),
        "{err}"
    );
}

/// Without `--learn` the same run flags nothing; with too few documents a
/// site teaches nothing; and a learner capped at its smallest map still
/// finds every template line.
#[test]
fn check_learn_thresholds_and_memory_cap() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write_corpus(&corpus, 4);
    let run = |extra: &[&str]| {
        let out = common::artlint()
            .current_dir(dir.path())
            .args(["check", "--isolated", "--select", "scrape/learned-*"])
            .args(extra)
            .args(["--format", "concise", "-q", "corpus"])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap().lines().count()
    };
    assert_eq!(run(&[]), 0);
    assert_eq!(
        run(&["--learn"]),
        0,
        "4 documents a site, under --min-docs 5"
    );
    // 4 pages a site, 12 template lines over the 3 sites. At share 0.5 the
    // correction on two pages of each site is learned too, by each site's
    // pack, and the packs apply to every input: 3 findings on each of its 6
    // lines. At 0.75 it is not learned.
    assert_eq!(run(&["--learn", "--min-docs", "4"]), 4 * 12 + 6 * 3);
    assert_eq!(
        run(&["--learn", "--min-docs", "4", "--min-share", "0.75"]),
        4 * 12
    );
    let capped = [
        "--learn",
        "--min-docs",
        "4",
        "--min-share",
        "0.75",
        "--max-lines",
        "1000",
    ];
    assert_eq!(run(&capped), 4 * 12);
    // A line on fewer than all pages is not learned at share 1.
    let out = common::artlint()
        .current_dir(dir.path())
        .args(["check", "--isolated", "--learn", "--min-share", "2"])
        .arg("corpus")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--min-share must be between 0 and 1"));
}

/// Names learned from the corpus: the spelling most documents use, when a
/// few use another one edit away, becomes a `names` rule that flags the
/// rare spelling; two names equally common are two people.
#[test]
fn names_whose_one_spelling_dominates_are_learned() {
    let dir = tempfile::tempdir().unwrap();
    for d in 0..12 {
        let site = SITES[d % SITES.len()].name;
        let mut text = format!("{}\n", sentence(d));
        text.push_str(match d {
            0 => "Later Kassym-Jopart Tokayev arrived, said Anna Schmidt.\n",
            1 => "Later Kassym-Jomart Tokayev arrived, said Anna Schmitt.\n",
            _ => "Later Kassym-Jomart Tokayev arrived, said Anna Schmidt.\n",
        });
        text.push_str(if d % 2 == 0 {
            "The visit was planned by Dora Keller.\n"
        } else {
            "The visit was planned by Dora Kellner.\n"
        });
        common::write(dir.path(), &format!("corpus/{site}/page{d}.txt"), &text);
    }
    let out = common::artlint()
        .current_dir(dir.path())
        .args(["learn", "-o", "packs", "corpus"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let pack = std::fs::read_to_string(dir.path().join("packs/corpus-names.toml")).unwrap();
    assert!(
        pack.contains(
            "\"Kassym-Jomart Tokayev\",  # 11 documents; also seen: Kassym-Jopart Tokayev (1)\n"
        ),
        "{pack}"
    );
    assert!(
        pack.contains("\"Anna Schmidt\",  # 11 documents; also seen: Anna Schmitt (1)\n"),
        "{pack}"
    );
    assert!(!pack.contains("Dora"), "{pack}");
    // The pack passes its own examples, and check --learn flags the rare spellings.
    let out = common::artlint()
        .current_dir(dir.path())
        .args(["test-rules", "packs"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let out = check_learn(dir.path(), "names/learned", &["-q"]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    let found: Vec<&str> = stdout
        .lines()
        .map(|l| l.split(": ").next().unwrap_or(""))
        .collect();
    assert_eq!(
        found,
        [
            "corpus/valley-gazette.org/page1.txt:2:48",
            "corpus/www.harbour-times.com/page0.txt:2:14",
        ],
        "{stdout}"
    );
}
