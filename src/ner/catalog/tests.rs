//! Catalog tests on small corpora; names come from a user list so the results do not depend
//! on the statistical model.

use super::*;

fn setup(texts: &[&str]) -> (Corpus, Analysis) {
    crate::analysis::test_analysis(texts)
}

fn recognizer() -> Recognizer {
    Recognizer::english().with_user_names(
        "Teodor Varga\tPERSON\nVarga\tPERSON\nUnited Nations\tORG\nUN\tORG\nU.N.\tORG\nVolodymyr Zelenskiy\tPERSON\nVolodymyr Zelensky\tPERSON\nGeneva\tPLACE",
    )
}

/// The catalog of `c` without edits.
fn catalog(a: &Analysis, c: &Corpus, rec: &Recognizer) -> Catalog {
    build(a, c, rec, &Edits::default(), &JobCtx::detached()).unwrap()
}

fn names(cat: &Catalog) -> Vec<(&str, u32)> {
    cat.entities
        .iter()
        .map(|e| (e.name.as_str(), e.mentions))
        .collect()
}

#[test]
fn surname_joins_full_name_within_a_document_only() {
    let (c, a) = setup(&[
        "Teodor Varga arrived in Geneva. Varga said the talks would resume.",
        "Varga was not there.",
    ]);
    let cat = catalog(&a, &c, &recognizer());
    let varga = cat.find("Teodor Varga").unwrap();
    assert_eq!(cat.entities[varga as usize].mentions, 2);
    assert_eq!(cat.entities[varga as usize].documents, 1);
    // In the second document there is no full name, so "Varga" stands alone, and is suggested.
    let lone = cat.find("varga").unwrap();
    assert_ne!(lone, varga);
    assert!(
        cat.suggestions
            .iter()
            .any(|s| s.from == lone && s.into == varga)
    );
    // Offsets and units of the second mention of the first document.
    let m = cat.in_doc(0)[2];
    assert_eq!(&c.docs[0].text[m.start as usize..m.end as usize], "Varga");
    assert_eq!((m.sentence, m.paragraph, m.token), (1, 0, 5));
    assert_eq!(cat.units[0], (2, 1));
}

#[test]
fn acronyms_and_dotted_forms_merge_with_the_long_name() {
    let (c, a) = setup(&[
        "The United Nations met. The UN said the U.N. would vote.",
        "UN envoys left Geneva.",
    ]);
    let cat = catalog(&a, &c, &recognizer());
    let un = cat.find("UN").unwrap();
    let e = &cat.entities[un as usize];
    assert_eq!(e.name, "United Nations");
    assert_eq!(e.kind, EntityType::Org);
    assert_eq!((e.mentions, e.documents), (4, 2));
    assert_eq!(names(&cat)[0], ("United Nations", 4));
}

#[test]
fn similar_spellings_are_suggested_not_merged_and_edits_apply() {
    let (c, a) = setup(&["Volodymyr Zelenskiy spoke. Later Volodymyr Zelensky left Geneva."]);
    let rec = recognizer();
    let cat = catalog(&a, &c, &rec);
    let x = cat.find("Volodymyr Zelenskiy").unwrap();
    let y = cat.find("Volodymyr Zelensky").unwrap();
    assert_ne!(x, y);
    assert!(
        cat.suggestions
            .iter()
            .any(|s| s.reason == "similar spelling")
    );
    // The user merges, renames, retypes and hides.
    let mut ed = Edits::default();
    ed.merge("volodymyr zelensky", "volodymyr zelenskiy");
    ed.names
        .insert("volodymyr zelenskiy".into(), "Zelenskiy (president)".into());
    ed.kinds.insert("geneva".into(), "ORG".into());
    ed.hidden.insert("geneva".into());
    let cat = build(&a, &c, &rec, &ed, &JobCtx::detached()).unwrap();
    let z = cat.find("Zelenskiy (president)").unwrap();
    assert_eq!(cat.entities[z as usize].mentions, 2);
    let g = &cat.entities[cat.find("geneva").unwrap() as usize];
    assert_eq!(g.kind, EntityType::Org);
    assert!(g.hidden);
    assert!(
        cat.mention_refs()
            .iter()
            .all(|m| m.entity != cat.find("geneva").unwrap())
    );
    // Splitting undoes the merge.
    ed.split("volodymyr zelensky");
    let cat = build(&a, &c, &rec, &ed, &JobCtx::detached()).unwrap();
    assert_ne!(
        cat.find("volodymyr zelensky"),
        cat.find("Zelenskiy (president)")
    );
}

/// Reuters lists "Salomon Brothers Inc" (84 mentions) and "Salomon Brothers" (47) apart.
#[test]
fn a_company_with_and_without_its_legal_form_is_suggested_not_merged() {
    let (c, a) = setup(&[
        "Salomon Brothers Inc said on Monday it would buy the bonds.",
        "Analysts at Salomon Brothers expect rates to fall, Salomon Brothers said.",
    ]);
    let cat = catalog(&a, &c, &recognizer());
    let long = cat.find("Salomon Brothers Inc").unwrap();
    let short = cat.find("Salomon Brothers").unwrap();
    assert_ne!(long, short);
    assert!(cat.suggestions.contains(&Suggestion {
        from: long,
        into: short,
        reason: "the same name with a legal form",
    }));
}

/// Reuters lists "Hutton" (75 mentions) apart from "E.F. Hutton" (71).
#[test]
fn a_word_of_an_organisations_name_alone_is_suggested_not_merged() {
    let (c, a) = setup(&[
        "Merrill Lynch raised its forecast on Monday. Merrill said rates would fall.",
        "Merrill Lynch cut its fees. Clients of Merrill were told on Friday.",
        // Another form of the same name does not make the word ambiguous.
        "Merrill Lynch and Co Inc bought bonds.",
        // A word used mostly without the name does not refer back to it.
        "Reuters reported the talks.",
        "Reuters reported the vote.",
        "Reuters Holdings PLC said Reuters would grow.",
    ]);
    let cat = catalog(&a, &c, &recognizer());
    let short = cat.find("Merrill").unwrap();
    let full = cat.find("Merrill Lynch").unwrap();
    assert_ne!(short, full);
    assert!(
        cat.find("Merrill Lynch and Co Inc")
            .is_some_and(|x| x != full)
    );
    assert_eq!(cat.entities[short as usize].kind, EntityType::Org);
    assert!(cat.suggestions.contains(&Suggestion {
        from: short,
        into: full,
        reason: "short name of an organisation",
    }));
    let agency = cat.find("Reuters").unwrap();
    assert!(cat.find("Reuters Holdings PLC").is_some());
    assert!(cat.suggestions.iter().all(|s| s.from != agency));
}

#[test]
fn a_name_in_capitals_gives_way_to_its_ordinary_spelling_but_acronyms_stay() {
    let (c, a) = setup(&[
        "GENEVA, May 2 - Delegates met in Geneva on Friday.",
        "GENEVA, May 3 - The UN said talks in GENEVA would go on. An Un envoy agreed.",
    ]);
    let rec =
        Recognizer::english().with_user_names("GENEVA\tPLACE\nGeneva\tPLACE\nUN\tORG\nUn\tORG");
    let cat = catalog(&a, &c, &rec);
    let geneva = cat.find("geneva").unwrap() as usize;
    assert_eq!(cat.entities[geneva].name, "Geneva");
    assert_eq!(cat.entities[geneva].mentions, 4);
    let un = cat.find("un").unwrap() as usize;
    assert_eq!(cat.entities[un].mentions, 2);
    assert_eq!(cat.entities[un].name, "UN");
}

#[test]
fn edits_regroup_the_recognised_mentions_as_a_full_build_would() {
    let (c, a) = setup(&[
        "Teodor Varga arrived in Geneva. Varga said the talks would resume.",
        "Varga was not there. The UN met in Geneva.",
    ]);
    let ctx = JobCtx::detached();
    let found = recognise(&c, &recognizer(), &ctx).unwrap();
    assert_eq!(found.mentions(), 6);
    let mut edits = Edits::default();
    edits
        .merges
        .insert("varga".to_string(), "teodor varga".to_string());
    edits.kinds.insert("geneva".to_string(), "ORG".to_string());
    let regrouped = group(&found, &a, &c, &edits, &ctx).unwrap();
    let rebuilt = build(&a, &c, &recognizer(), &edits, &ctx).unwrap();
    assert_eq!(regrouped.entities, rebuilt.entities);
    assert_eq!(regrouped.mentions, rebuilt.mentions);
    assert_eq!(regrouped.suggestions, rebuilt.suggestions);
    let varga = regrouped.find("Teodor Varga").unwrap();
    assert_eq!(regrouped.entities[varga as usize].mentions, 3);
    let geneva = regrouped.find("Geneva").unwrap();
    assert_eq!(regrouped.entities[geneva as usize].kind, EntityType::Org);
    // Without the edits the same mentions group as before.
    let plain = group(&found, &a, &c, &Edits::default(), &ctx).unwrap();
    assert_eq!(
        plain.entities[plain.find("Teodor Varga").unwrap() as usize].mentions,
        2
    );
}

/// On Reuters "Fed" (the Federal Reserve) was joined to "Frontier Exploration Department".
#[test]
fn a_word_in_title_case_is_no_acronym_of_a_long_name() {
    let (c, a) = setup(&[
        "The Fed raised rates. Frontier Exploration Department drilled.",
        "FED MEETS\n\nThe Fed met again.",
        "The European Central Bank and the ECB agreed.",
    ]);
    let rec = Recognizer::english().with_user_names(
        "Fed\tORG\nFrontier Exploration Department\tORG\nEuropean Central Bank\tORG\nECB\tORG",
    );
    let cat = catalog(&a, &c, &rec);
    assert_ne!(cat.find("Fed"), cat.find("Frontier Exploration Department"));
    // Two of its three mentions are in title case; the one in a headline does not make it one.
    assert_eq!(cat.entities[cat.find("Fed").unwrap() as usize].mentions, 3);
    // An acronym in capitals still joins its long form.
    assert_eq!(cat.find("ECB"), cat.find("European Central Bank"));
}

/// A name wrapped across lines reads on one line in the catalog.
#[test]
fn a_wrapped_name_is_listed_on_one_line() {
    let (c, a) = setup(&["Talks at the Organization of Petroleum\nExporting Countries ended."]);
    let rec =
        Recognizer::english().with_user_names("Organization of Petroleum Exporting Countries\tORG");
    let cat = catalog(&a, &c, &rec);
    let e = cat.find("Organization of Petroleum Exporting Countries");
    assert!(e.is_some(), "{:?}", cat.entities);
    let e = &cat.entities[e.unwrap() as usize];
    assert_eq!(e.name, "Organization of Petroleum Exporting Countries");
    assert_eq!(e.forms[0].0, e.name);
}

/// On Reuters Volkswagen's "VW" was joined to the diplomat Vernon Walters, whose initials it
/// shares, and listed under his name; then, once people were left out, to a ship named once.
#[test]
fn a_persons_initials_and_a_name_never_beside_them_are_no_acronym() {
    let (c, a) = setup(&[
        "VW sold more cars. Vernon Walters spoke at the United Nations (UN).",
        "VW AND AUDI\n\nVW said the UN agreed.",
        "The vessel is reported to be the Vamand Wave.",
    ]);
    let rec = Recognizer::english().with_user_names(
        "VW\tORG\nVernon Walters\tPERSON\nVamand Wave\tORG\nUnited Nations\tORG\nUN\tORG",
    );
    let cat = catalog(&a, &c, &rec);
    let vw = cat.find("VW").unwrap();
    assert_ne!(Some(vw), cat.find("Vernon Walters"));
    assert_ne!(Some(vw), cat.find("Vamand Wave"));
    assert_eq!(cat.entities[vw as usize].name, "VW");
    assert_eq!(cat.entities[vw as usize].mentions, 3);
    // An acronym beside its long form in a document still joins it.
    let un = cat.find("UN");
    assert_eq!(un, cat.find("United Nations"));
    assert_eq!(un.map(|e| cat.entities[e as usize].mentions), Some(3));
}

/// On Reuters the Senate was listed as "The Senate": that form, at the start of sentences, was
/// its most frequent of several words.
#[test]
fn a_leading_the_does_not_make_a_name_of_several_words() {
    let (c, a) = setup(&[
        "The Senate voted. Senators left the Senate. A Senate aide and the Senate agreed.",
        "The Hague is a city. The Hague hosts courts.",
    ]);
    let rec =
        Recognizer::english().with_user_names("The Senate\tORG\nSenate\tORG\nThe Hague\tPLACE");
    let cat = catalog(&a, &c, &rec);
    let senate = &cat.entities[cat.find("Senate").unwrap() as usize];
    assert_eq!((senate.name.as_str(), senate.mentions), ("Senate", 4));
    // A name only ever written with its article keeps it.
    let hague = &cat.entities[cat.find("The Hague").unwrap() as usize];
    assert_eq!(hague.name, "The Hague");
}

/// On Reuters GATT, written so 324 times in running text, was listed as "Gatt" after its one
/// mention in that spelling.
#[test]
fn a_name_written_in_capitals_in_running_text_keeps_them() {
    let (c, a) = setup(&[
        "Talks under the GATT resumed. Members of GATT met.",
        "GENEVA, May 3 - The GATT said Gatt rules hold, in Geneva.",
        "GENEVA TALKS END\n\nDelegates left Geneva.",
    ]);
    let rec =
        Recognizer::english().with_user_names("GATT\tORG\nGatt\tORG\nGENEVA\tPLACE\nGeneva\tPLACE");
    let cat = catalog(&a, &c, &rec);
    let gatt = &cat.entities[cat.find("gatt").unwrap() as usize];
    assert_eq!((gatt.name.as_str(), gatt.mentions), ("GATT", 4));
    // A dateline and a headline are not running text: "GENEVA" there gives way.
    let geneva = &cat.entities[cat.find("geneva").unwrap() as usize];
    assert_eq!((geneva.name.as_str(), geneva.mentions), ("Geneva", 4));
}

/// A story from three capitals: its dateline's last place, after the others, is no running
/// text either, and a place known only from datelines reads as a place name.
#[test]
fn every_place_of_a_dateline_reads_in_its_ordinary_spelling() {
    let (c, a) = setup(&[
        "Envoys meet\n\nOSLO/ROME/VIENNA (Reuters) -The envoy left Vienna on Friday.",
        "Talks end\n\nOSLO/VIENNA (Reuters) - Delegates agreed.",
    ]);
    let rec = Recognizer::english()
        .with_user_names("OSLO\tPLACE\nVIENNA\tPLACE\nVienna\tPLACE\nROME\tPLACE");
    let cat = catalog(&a, &c, &rec);
    let name = |k: &str| cat.entities[cat.find(k).unwrap() as usize].name.as_str();
    assert_eq!(name("vienna"), "Vienna");
    assert_eq!(name("oslo"), "Oslo");
    assert_eq!(name("rome"), "Rome");
}

/// A story naming "the Group of Seven nations" and later "G7", "the Russian Federation" and
/// "Russia" listed each pair apart with nothing to join them.
#[test]
fn a_spelled_out_or_formal_name_is_suggested_with_its_short_form() {
    let (c, a) = setup(&[
        "Leaders of the Group of Seven nations met. The G7 statement named the Russian \
         Federation; Russia replied.",
    ]);
    let rec = Recognizer::english().with_user_names(
        "Group of Seven nations\tORG\nG7\tORG\nRussian Federation\tPLACE\nRussia\tPLACE",
    );
    let cat = catalog(&a, &c, &rec);
    let id = |k: &str| cat.find(k).unwrap();
    let suggested = |x: u32, y: u32| {
        cat.suggestions
            .iter()
            .any(|s| (s.from, s.into) == (x.max(y), x.min(y)))
    };
    assert!(suggested(id("group of seven nations"), id("g7")));
    assert!(suggested(id("russian federation"), id("russia")));
}
