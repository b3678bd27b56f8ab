//! Writing the bundle the browser loads (`quiz_core::bundle`): every Markdown field rendered to
//! sanitized HTML, the bank split into an index and shards, the shards' folder named by a hash of
//! its content. Deterministic (same input, same bytes) and all or nothing: the folder is written
//! under a temporary name and renamed into place, then the index is renamed over the old one, so
//! a reader sees either the old bundle or the new one, never a mix or a part.

use crate::load::UsageError;
use crate::render;
use quiz_core::bundle::{split, Index, ShardId};
use quiz_core::Bank;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What [`write`] wrote.
pub struct Written {
    pub folder: PathBuf,
    pub shards: usize,
    pub index_bytes: usize,
    pub shard_bytes: usize,
}

/// The bank with every Markdown field rendered to sanitized HTML.
pub fn rendered(bank: &Bank) -> Bank {
    let r = render::markdown_to_html;
    let questions = bank
        .questions
        .iter()
        .map(|q| {
            let mut q = q.clone();
            q.stem = r(&q.stem);
            q.explanation = r(&q.explanation);
            for o in &mut q.options {
                o.text = r(&o.text);
                o.reason = r(&o.reason);
            }
            q
        })
        .collect();
    let notes = bank
        .notes
        .iter()
        .map(|n| {
            let mut n = n.clone();
            n.know = r(&n.know);
            n.trap = r(&n.trap);
            n
        })
        .collect();
    Bank::new(bank.blueprint.clone(), questions, notes)
}

/// The index and every file of its folder (path relative to the index → text), for a bank
/// whose fields are already HTML. The index's name decides the folder's prefix: `bank.json`
/// keeps its shards in `bank-HASH/`.
pub fn files(bank: &Bank, index_name: &str) -> (Index, Vec<(String, String)>) {
    let pieces = split(bank);
    let texts: Vec<(ShardId, String)> = pieces
        .shards
        .iter()
        .map(|s| {
            (
                ShardId {
                    objective: s.objective.clone(),
                    part: s.part,
                },
                json(s),
            )
        })
        .collect();
    let outline = json(&pieces.outline);
    let mut hash = Sha256::new();
    hash.update(json(&pieces.blueprint));
    hash.update(&outline);
    for (_, t) in &texts {
        hash.update(t);
    }
    let digest: String = hash
        .finalize()
        .iter()
        .take(5)
        .map(|b| format!("{b:02x}"))
        .collect();
    let stem = index_name.strip_suffix(".json").unwrap_or(index_name);
    let index = pieces.index(&format!("{stem}-{digest}"));
    let mut out: Vec<(String, String)> = texts
        .into_iter()
        .map(|(id, t)| (index.shard_path(&id), t))
        .collect();
    out.push((index.outline_path(), outline));
    (index, out)
}

/// serde's text of a piece, compact.
fn json<T: serde::Serialize>(piece: &T) -> String {
    serde_json::to_string(piece).expect("bundle pieces serialize")
}

/// A bank whose text fields are HTML already, in one JSON object (test banks; see the hidden
/// `split-bundle` command).
#[derive(serde::Deserialize)]
pub struct WholeBank {
    blueprint: quiz_core::Blueprint,
    #[serde(default)]
    notes: Vec<quiz_core::model::StudyNote>,
    questions: Vec<quiz_core::Question>,
}

impl WholeBank {
    pub fn into_bank(self) -> Bank {
        Bank::new(self.blueprint, self.questions, self.notes)
    }
}

/// Renders the bank and writes the index at `target` with its folder beside it.
pub fn write(bank: &Bank, target: &Path) -> Result<Written, UsageError> {
    write_html(&rendered(bank), target)
}

/// Writes the index at `target` and its folder beside it, for a bank whose fields are HTML.
pub fn write_html(bank: &Bank, target: &Path) -> Result<Written, UsageError> {
    let dir = folder_of(target);
    std::fs::create_dir_all(&dir).map_err(|e| UsageError(format!("{}: {e}", dir.display())))?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "bank.json".into());
    let (index, files) = files(bank, &name);
    let folder = dir.join(&index.folder);
    let shard_bytes = files.iter().map(|(_, t)| t.len()).sum();
    if !folder.is_dir() {
        let tmp = dir.join(format!(".{}.{}.tmp", index.folder, std::process::id()));
        let result = (|| {
            std::fs::create_dir_all(&tmp)?;
            for (path, text) in &files {
                let file = path
                    .strip_prefix(&format!("{}/", index.folder))
                    .expect("pieces live in the folder");
                let mut f = std::fs::File::create(tmp.join(file))?;
                f.write_all(text.as_bytes())?;
                f.sync_all()?;
            }
            std::fs::rename(&tmp, &folder)
        })();
        if let Err(e) = result {
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(UsageError(format!("writing {}: {e}", folder.display())));
        }
    }
    let index_text = serde_json::to_string(&index).expect("index serializes");
    write_atomically(target, index_text.as_bytes())?;
    Ok(Written {
        folder,
        shards: files.len() - 1,
        index_bytes: index_text.len(),
        shard_bytes,
    })
}

/// The folder a file is in (`.` for a bare file name).
fn folder_of(target: &Path) -> PathBuf {
    match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Writes to a temporary file beside the target, then renames it over the target, so a reader
/// never sees a partial file.
fn write_atomically(target: &Path, bytes: &[u8]) -> Result<(), UsageError> {
    let dir = folder_of(target);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "bundle".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, target)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        UsageError(format!("writing {}: {e}", target.display()))
    })
}
