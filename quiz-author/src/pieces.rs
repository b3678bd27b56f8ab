//! Writing the bundle the browser loads (`quiz_core::bundle`): every Markdown field rendered to
//! safe HTML ([`render`]), the bank split into an index and shards, the shards' folder named by a hash of
//! its content. Deterministic (same input, same bytes) and all or nothing: the folder is written
//! under a temporary name and renamed into place, then the index is renamed over the old one, so
//! a reader sees either the old bundle or the new one, never a mix or a part. Nothing is flushed
//! to disk file by file (an `fsync` per shard made a 10,000-question bundle, 2,527 shards, take
//! about 11 s on this project's virtual disk): instead a folder that already has the bundle's name
//! is kept only when every file reads back byte for byte, so a folder left damaged by a crash or
//! edited by hand is written again.

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
    stage(Pieces { index, files }, target)?.commit()
}

/// A bundle whose folder is written under a temporary name (or found in place, intact) and whose
/// index is not written yet: [`Staged::commit`] puts both in place; dropping it instead removes
/// what it wrote (the temporary folder, and the index's folder if it made it and it is empty).
pub struct Staged {
    pieces: Pieces,
    target: PathBuf,
    /// The folder written under a temporary name, when the one in place was missing or damaged.
    tmp: Option<PathBuf>,
    /// The index's folder, when staging made it.
    made: Option<PathBuf>,
}

/// Writes the bundle's folder under a temporary name beside `target`, unless a folder of its
/// name is there already and every file reads back byte for byte (then it is kept: a folder
/// damaged by a crash or by hand is written again).
pub fn stage(pieces: Pieces, target: &Path) -> Result<Staged, UsageError> {
    let dir = folder_of(target);
    let made = (!dir.exists()).then(|| dir.clone());
    std::fs::create_dir_all(&dir).map_err(|e| UsageError(format!("{}: {e}", dir.display())))?;
    let mut staged = Staged {
        pieces,
        target: target.to_path_buf(),
        tmp: None,
        made,
    };
    let index = &staged.pieces.index;
    let folder = dir.join(&index.folder);
    let intact = staged.pieces.files.iter().all(|(path, text)| {
        std::fs::read(folder.join(in_folder(index, path))).is_ok_and(|b| b == text.as_bytes())
    });
    if !intact {
        let tmp = dir.join(format!(".{}.{}.tmp", index.folder, std::process::id()));
        staged.tmp = Some(tmp.clone());
        let result =
            std::fs::create_dir_all(&tmp).and_then(|()| {
                staged.pieces.files.iter().try_for_each(|(path, text)| {
                    std::fs::write(tmp.join(in_folder(index, path)), text)
                })
            });
        result.map_err(|e| UsageError(format!("writing {}: {e}", folder.display())))?;
    }
    Ok(staged)
}

/// A piece's path inside the bundle's folder.
fn in_folder<'a>(index: &Index, path: &'a str) -> &'a str {
    path.strip_prefix(index.folder.as_str())
        .and_then(|p| p.strip_prefix('/'))
        .expect("pieces live in the folder")
}

impl Staged {
    /// Renames the folder into place (if it was written) and then writes the index.
    pub fn commit(mut self) -> Result<Written, UsageError> {
        let Pieces { index, files } = &self.pieces;
        let dir = folder_of(&self.target);
        let folder = dir.join(&index.folder);
        if let Some(tmp) = self.tmp.take() {
            let old = dir.join(format!(".{}.{}.old", index.folder, std::process::id()));
            let result = (|| {
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
        write_atomically(&self.target, index_text.as_bytes())?;
        self.made = None;
        Ok(Written {
            folder,
            shards: files.len() - 1,
            index_bytes: index_text.len(),
            shard_bytes: files.iter().map(|(_, t)| t.len()).sum(),
        })
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if let Some(tmp) = self.tmp.take() {
            let _ = std::fs::remove_dir_all(tmp);
        }
        if let Some(dir) = self.made.take() {
            // Only if empty: nothing else of the caller's is ever removed.
            let _ = std::fs::remove_dir(dir);
        }
    }
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
