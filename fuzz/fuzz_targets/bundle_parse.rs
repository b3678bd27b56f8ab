//! Any bytes given to the bundle readers the browser runs (`quiz_core::bundle_format`, here over
//! `serde_json::Value` as the native tests use them): an error or a value, never a panic. Where
//! serde's derives read a value too, the reader reads it alike. A shard that reads assembles into a bank (with
//! an index made to name it) that can draw an exam, a quick check and a widget's shards; so does an
//! outline (with an index made to count its questions), whose named questions find their shards.
#![no_main]
use libfuzzer_sys::fuzz_target;
use quiz_core::assembly::{full_exam, quick_check, Scope};
use quiz_core::bundle::{self, Index, ObjectiveShards, Outline, Shard};
use quiz_core::bundle_format::{read_index, read_outline, read_shard};

/// A blueprint of one domain, section and objective (`objective`), for the indexes made here.
fn blueprint(objective: &str) -> quiz_core::model::Blueprint {
    serde_json::from_value(serde_json::json!({"id": "x", "title": "x", "version": "1", "question_count": 1,
        "duration_minutes": 1, "pass_percent": 50, "domains": [{"id": "d", "title": "d", "weight_percent": 100,
        "sections": [{"id": "s", "title": "s", "objectives": [{"id": objective, "statement": "o", "tier": 1}]}]}]}))
    .unwrap()
}

fuzz_target!(|data: &[u8]| {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let serde_index = serde_json::from_value::<Index>(value.clone())
        .ok()
        .filter(|i| i.format == bundle::BUNDLE_FORMAT);
    let serde_shard = serde_json::from_value::<Shard>(value.clone())
        .ok()
        .filter(|s| s.format == bundle::BUNDLE_FORMAT);
    let serde_outline = serde_json::from_value::<Outline>(value.clone())
        .ok()
        .filter(|d| d.format == bundle::BUNDLE_FORMAT);
    let index = read_index(&value).ok();
    let shard = read_shard(&value).ok();
    let outline = read_outline(&value).ok();
    // Where both read the value, they read the same (the reader also takes whole numbers
    // written as 2.0, which JavaScript cannot tell from 2; serde's derives do not).
    if index.is_some() && serde_index.is_some() {
        assert_eq!(index, serde_index, "index: the reader and serde disagree");
    }
    if shard.is_some() && serde_shard.is_some() {
        assert_eq!(shard, serde_shard, "shard: the reader and serde disagree");
    }
    if outline.is_some() && serde_outline.is_some() {
        assert_eq!(
            outline, serde_outline,
            "outline: the reader and serde disagree"
        );
    }
    if let Some(index) = &index {
        for scope in [Scope::All, Scope::Objective("a".into())] {
            let _ = bundle::shards_for(index, &scope, 3, 7, outline.as_ref());
        }
        if let Some(Ok(bank)) = outline.as_ref().map(|o| bundle::outline_bank(index, o)) {
            let _ = full_exam(&bank, 7, true);
            let _ = quick_check(&bank, &Scope::All, 3, 7, true);
        }
    }
    if let Some(outline) = &outline {
        // An index that counts the outline's questions: one objective, shards of four.
        let sizes: Vec<u32> = outline
            .questions
            .chunks(bundle::SHARD_SIZE)
            .map(|c| c.len() as u32)
            .collect();
        let index = Index {
            format: bundle::BUNDLE_FORMAT,
            blueprint: blueprint("o"),
            folder: "f".into(),
            objectives: vec![ObjectiveShards {
                objective: "o".into(),
                shards: sizes,
            }],
        };
        let bank = bundle::outline_bank(&index, outline)
            .expect("an index that counts the outline takes it");
        let _ = full_exam(&bank, 7, true);
        let _ = quick_check(&bank, &Scope::All, 3, 7, true);
        let ids: Vec<String> = outline
            .questions
            .iter()
            .take(3)
            .map(|q| q.id.clone())
            .collect();
        let shards =
            bundle::shards_for(&index, &Scope::Questions(ids.clone()), 3, 7, Some(outline));
        assert!(
            ids.is_empty() || !shards.is_empty(),
            "named questions are found"
        );
    }
    if let Some(shard) = shard {
        let blueprint = index.map_or_else(|| blueprint(&shard.objective), |i| i.blueprint);
        let index = Index {
            format: bundle::BUNDLE_FORMAT,
            blueprint,
            folder: "f".into(),
            objectives: vec![ObjectiveShards {
                objective: shard.objective.clone(),
                shards: (0..=shard.part)
                    .map(|p| {
                        if p == shard.part {
                            shard.questions.len() as u32
                        } else {
                            0
                        }
                    })
                    .collect(),
            }],
        };
        if let Ok(bank) = bundle::assemble(&index, vec![shard]) {
            let _ = bundle::check(&bank);
            let _ = full_exam(&bank, 7, true);
            let _ = quick_check(&bank, &Scope::All, 3, 7, true);
        }
    }
});
