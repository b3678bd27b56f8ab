//! Writing the bundle the browser loads (`quiz_core::bundle`): every Markdown field rendered to
//! sanitized HTML, the bank split into an index and shards, the shards' folder named by a hash of
//! its content. Deterministic (same input, same bytes) and all or nothing: the folder is written
//! under a temporary name and renamed into place, then the index is renamed over the old one, so
//! a reader sees either the old bundle or the new one, never a mix or a part. Nothing is flushed
//! to disk file by file (one `fsync` per shard made a 10,000-question bundle take 11 s on a
//! virtual disk instead of 1): a folder that already has the bundle's name is kept only when every
//! file reads back byte for byte, so a folder damaged by a crash or by hand is written again.

use crate::load::UsageError;
use crate::render;
use quiz_core::bundle::{split, Index, ShardId};
use quiz_core::Bank;
use sha2::{Digest, Sha256};
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

/// The bundle ready to be written: the index and every file of its folder (see [`files`]).
pub struct Pieces {
    index: Index,
    files: Vec<(String, String)>,
}

/// Renders the bank and lays out the bundle whose index is to be written at `target`.
pub fn prepare(bank: &Bank, target: &Path) -> Pieces {
    let (index, files) = files(&rendered(bank), &index_name(target));
    Pieces { index, files }
}

/// The index's file name (`bank.json` when `target` has none).
fn index_name(target: &Path) -> String {
    target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "bank.json".into())
}

/// Writes the index at `target` and its folder beside it, for a bank whose fields are HTML.
pub fn write_html(bank: &Bank, target: &Path) -> Result<Written, UsageError> {
    let (index, files) = files(bank, &index_name(target));
    write(&Pieces { index, files }, target)
}

/// Writes the folder (unless it is there, intact) and then the index at `target`.
pub fn write(pieces: &Pieces, target: &Path) -> Result<Written, UsageError> {
    let Pieces { index, files } = pieces;
    let dir = folder_of(target);
    std::fs::create_dir_all(&dir).map_err(|e| UsageError(format!("{}: {e}", dir.display())))?;
    let folder = dir.join(&index.folder);
    let shard_bytes = files.iter().map(|(_, t)| t.len()).sum();
    let prefix = format!("{}/", index.folder);
    let in_folder = |path: &str| {
        path.strip_prefix(&prefix)
            .expect("pieces live in the folder")
            .to_string()
    };
    // A folder of that name holds these very bytes unless something damaged it: keep it when
    // every file reads back the same, else write it again.
    let intact = files.iter().all(|(path, text)| {
        std::fs::read(folder.join(in_folder(path))).is_ok_and(|bytes| bytes == text.as_bytes())
    });
    if !intact {
        let tmp = dir.join(format!(".{}.{}.tmp", index.folder, std::process::id()));
        let old = dir.join(format!(".{}.{}.old", index.folder, std::process::id()));
        let result = (|| {
            std::fs::create_dir_all(&tmp)?;
            for (path, text) in files {
                std::fs::write(tmp.join(in_folder(path)), text)?;
            }
            if folder.exists() {
                std::fs::rename(&folder, &old)?;
            }
            std::fs::rename(&tmp, &folder)
        })();
        let _ = std::fs::remove_dir_all(&old);
        if let Err(e) = result {
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(UsageError(format!("writing {}: {e}", folder.display())));
        }
    }
    let index_text = serde_json::to_string(index).expect("index serializes");
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
    let result = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, target));
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        UsageError(format!("writing {}: {e}", target.display()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use quiz_core::safe_html::allowed;

    /// The shipped bank, rendered as `bundle` renders it, is markup in the browser field by
    /// field: the renderer and quiz-core's allowlist cannot drift apart unnoticed.
    #[test]
    fn every_rendered_field_of_the_real_content_passes_the_allowlist() {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        let loaded = crate::load::load(&[content]).expect("content loads");
        let bank = rendered(loaded.bank.as_ref().expect("content makes a bank"));
        let mut fields = 0;
        let mut code_blocks = 0;
        let notes = bank.notes.iter().flat_map(|n| [&n.know, &n.trap]);
        let questions = bank.questions.iter().flat_map(|q| {
            [&q.stem, &q.explanation]
                .into_iter()
                .chain(q.options.iter().flat_map(|o| [&o.text, &o.reason]))
        });
        for html in notes.chain(questions) {
            assert!(allowed(html), "outside the allowlist: {html}");
            fields += 1;
            code_blocks += html.matches("<pre>").count();
        }
        assert!(
            bank.questions.len() >= 600 && fields > 6_000,
            "{fields} fields"
        );
        assert!(code_blocks > 100, "the content's code blocks were seen");
    }
}
