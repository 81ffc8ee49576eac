//! The note index, kept by the store on every event write, in the same batch as the event:
//!
//! ```text
//! m/docs                    the next note number
//! #/<block>                 note number → event (docs.rs)
//! v/<token>                 how many notes hold the token (its presence lists the vocabulary)
//! w/<token>\0<first note>   the notes that hold the token (postings.rs)
//! ```
//!
//! The index only grows: a removed note keeps its postings and an edited one is indexed again
//! under a new number. Every candidate is checked against the live event before it is shown,
//! so removed notes are never found, restored ones are found again, and old words of an
//! edited note stop matching. A search reads the posting lists of the query's tokens from the
//! newest note down and stops once it has enough: no timeline is scanned.

mod build;
mod docs;
mod postings;

pub use build::build;

use super::keys;
use super::sled_store::engine_error;
use super::timeline::{self, Located};
use super::tx::{Tx, Writes};
use crate::model::{ClientId, Event, EventFilter, EventId};
use crate::search::names::NameIndex;
use crate::search::terms::{self, index_tokens, Term, Tier};
use crate::search::{Marked, NoteHit, Query};
use crate::store::Result;
use docs::DocRef;
use postings::{AllOf, AnyOf, Docs, TokenDocs};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::{Arc, Mutex};

/// Tokens one query word may stand for (by prefix or part): the most used are kept.
const EXPANSION: usize = 128;
/// Notes looked at per search, found or not: bounds the time a rare filter can take.
const CANDIDATES: usize = 200_000;

/// What a note is found by: its text and its tags.
pub fn searchable(event: &Event) -> String {
    if event.tags.is_empty() {
        return event.text.clone();
    }
    let tags: Vec<String> = event.tags.iter().map(|t| format!("#{t}")).collect();
    format!("{}  {}", event.text, tags.join(" "))
}

/// Postings of notes written inside `load`, kept in memory until its end: then one append per
/// token rather than one per note and token (which made a big load ten times slower).
pub type Deferred = HashMap<String, Vec<u32>>;

/// Indexes a new event: numbered now, its postings written now or, inside `load`, kept in
/// `deferred`. True when it brought a token the index did not hold.
pub fn add(tx: &mut Tx, event: &Event, deferred: Option<&mut Deferred>) -> Result<bool> {
    let doc = docs::add(
        tx,
        DocRef {
            id: event.id,
            client: event.client,
            at_ms: event.at.timestamp_millis(),
        },
    )?;
    let tokens = index_tokens(&searchable(event));
    if let Some(deferred) = deferred {
        for token in tokens {
            deferred.entry(token).or_default().push(doc);
        }
        return Ok(false);
    }
    let mut fresh = false;
    for token in tokens {
        fresh |= postings::append(tx, &token, &[doc])?;
    }
    // Only when nothing is waiting: otherwise the next open catches up from the mark.
    if written(tx)? == doc {
        mark_written(tx, doc + 1);
    }
    Ok(fresh)
}

/// Writes what `load` kept back. True when it brought new tokens.
pub fn write_deferred(tx: &mut Tx, deferred: Deferred) -> Result<bool> {
    let mut fresh = false;
    for (token, docs) in deferred {
        fresh |= postings::append(tx, &token, &docs)?;
    }
    mark_written(tx, next_doc(tx)?);
    Ok(fresh)
}

fn next_doc(tx: &Tx) -> Result<u32> {
    Ok(tx.get(keys::DOCS_NEXT)?.map_or(0, |v| postings::count(&v)))
}

/// Notes below this number have their postings written.
fn written(tx: &Tx) -> Result<u32> {
    Ok(tx
        .get(keys::DOCS_WRITTEN)?
        .map_or(0, |v| postings::count(&v)))
}

fn mark_written(tx: &mut Tx, next: u32) {
    tx.insert(keys::DOCS_WRITTEN.to_vec(), next.to_be_bytes().to_vec());
}

/// Notes numbered but whose postings a crash inside `load` kept from being written: indexed
/// now (at open), from their events.
pub fn catch_up(db: &sled::Db, dir: &Path) -> Result<Option<Writes>> {
    let mut tx = Tx::new(db, dir);
    let (from, to) = (written(&tx)?, next_doc(&tx)?);
    if from >= to {
        return Ok(None);
    }
    let mut deferred = Deferred::new();
    let mut table = docs::Table::new(db, dir);
    for doc in from..to {
        let Some(at) = table.get(doc)? else { continue };
        if let Some(event) = timeline::get(&tx, at.id)? {
            for token in index_tokens(&searchable(&event)) {
                deferred.entry(token).or_default().push(doc);
            }
        }
    }
    write_deferred(&mut tx, deferred)?;
    Ok(Some(tx.into_writes()))
}

/// Indexes a changed event again when what it is found by, or where it is, changed. Removal
/// and restore change nothing here.
pub fn update(
    tx: &mut Tx,
    old: &Event,
    new: &Event,
    deferred: Option<&mut Deferred>,
) -> Result<bool> {
    if searchable(old) != searchable(new) || old.client != new.client || old.at != new.at {
        add(tx, new, deferred)
    } else {
        Ok(false)
    }
}

/// Every token and its count, for matching parts of words.
pub type Vocabulary = Vec<(String, u32)>;

/// What searching keeps in memory between keystrokes: the names of clients and people (small)
/// and the vocabulary. Each is dropped when a write changes it and read again when needed.
#[derive(Default)]
pub struct Caches {
    names: Mutex<Option<Arc<NameIndex>>>,
    vocabulary: Mutex<Option<Arc<Vocabulary>>>,
}

impl Caches {
    pub fn names(&self, load: impl FnOnce() -> Result<NameIndex>) -> Result<Arc<NameIndex>> {
        let mut names = self.names.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(names) = &*names {
            return Ok(names.clone());
        }
        let loaded = Arc::new(load()?);
        *names = Some(loaded.clone());
        Ok(loaded)
    }

    pub fn forget_names(&self) {
        *self.names.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }

    pub fn forget_vocabulary(&self) {
        *self.vocabulary.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }

    fn vocabulary(&self, db: &sled::Db, dir: &Path) -> Result<Arc<Vocabulary>> {
        let mut cached = self.vocabulary.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(vocabulary) = &*cached {
            return Ok(vocabulary.clone());
        }
        let mut vocabulary = Vocabulary::new();
        for record in db.scan_prefix(super::keys::VOCABULARY) {
            let (key, value) = record.map_err(|e| engine_error(dir, e))?;
            let token = String::from_utf8_lossy(&key[super::keys::VOCABULARY.len()..]);
            vocabulary.push((token.into_owned(), postings::count(&value)));
        }
        let vocabulary = Arc::new(vocabulary);
        *cached = Some(vocabulary.clone());
        Ok(vocabulary)
    }
}

/// Notes matching the query, best tier first and newest first within a tier.
pub fn notes(
    db: &sled::Db,
    dir: &Path,
    caches: &Caches,
    query: &Query,
    client_name: &dyn Fn(ClientId) -> String,
) -> Result<Vec<NoteHit>> {
    let terms = terms::parse(&query.text);
    let mut search = Search {
        db,
        dir,
        query,
        filter: query.filter(),
        terms: &terms,
        table: docs::Table::new(db, dir),
        seen: HashSet::new(),
        hits: Vec::new(),
        looked: 0,
    };
    let has_words = terms.iter().any(|t| matches!(t, Term::Word(_)));
    for tier in [Tier::Exact, Tier::Prefix, Tier::Partial] {
        if terms.is_empty() || search.full() || (tier != Tier::Exact && !has_words) {
            break;
        }
        let mut all = Vec::new();
        for term in &terms {
            all.push(search.docs_of(term, tier, caches)?);
        }
        search.walk(&mut AllOf(all))?;
    }
    let mut hits = search.hits;
    hits.sort_by_key(|(hit, doc)| (hit.tier, std::cmp::Reverse((hit.event.at, *doc))));
    Ok(hits
        .into_iter()
        .map(|(mut hit, _)| {
            hit.client_name = client_name(hit.event.client);
            hit
        })
        .collect())
}

struct Search<'a> {
    db: &'a sled::Db,
    dir: &'a Path,
    query: &'a Query,
    filter: EventFilter,
    terms: &'a [Term],
    table: docs::Table<'a>,
    seen: HashSet<EventId>,
    hits: Vec<(NoteHit, u32)>,
    looked: usize,
}

impl<'a> Search<'a> {
    fn full(&self) -> bool {
        self.hits.len() >= self.query.limit || self.looked >= CANDIDATES
    }

    /// The notes that may match `term` at `tier` or better.
    fn docs_of(&self, term: &Term, tier: Tier, caches: &Caches) -> Result<Box<dyn Docs + 'a>> {
        let (db, dir) = (self.db, self.dir);
        let token = |t: &str| Box::new(TokenDocs::new(db, dir, t)) as Box<dyn Docs + 'a>;
        let any = |tokens: Vec<String>| {
            Box::new(AnyOf(tokens.iter().map(|t| token(t)).collect())) as Box<dyn Docs + 'a>
        };
        Ok(match (term, tier) {
            (Term::Word(word), Tier::Exact) | (Term::Symbol(word), _) => token(word),
            (Term::Word(word), Tier::Prefix) => any(self.starting_with(word)?),
            (Term::Word(word), _) => {
                let vocabulary = caches.vocabulary(db, dir)?;
                let mut found: Vec<&(String, u32)> = (vocabulary.iter())
                    .filter(|(t, _)| word.chars().count() >= 3 && t.contains(word.as_str()))
                    .collect();
                found.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
                any(found
                    .iter()
                    .take(EXPANSION)
                    .map(|(t, _)| t.clone())
                    .collect())
            }
            (Term::Run(run), _) if run.chars().count() == 1 => any(self.starting_with(run)?),
            (Term::Run(run), _) => Box::new(AllOf(
                terms::bigrams(run).iter().map(|b| token(b)).collect(),
            )),
        })
    }

    /// The most used tokens that start with `start`.
    fn starting_with(&self, start: &str) -> Result<Vec<String>> {
        let prefix = postings::vocabulary_key(start);
        let mut found = Vec::new();
        for record in self.db.scan_prefix(&prefix).take(EXPANSION * 32) {
            let (key, value) = record.map_err(|e| engine_error(self.dir, e))?;
            let token = String::from_utf8_lossy(&key[super::keys::VOCABULARY.len()..]);
            found.push((postings::count(&value), token.into_owned()));
        }
        found.sort_by_key(|(n, _)| std::cmp::Reverse(*n));
        Ok(found.into_iter().take(EXPANSION).map(|(_, t)| t).collect())
    }

    /// Goes down the candidates from the newest, keeping those that still match.
    fn walk(&mut self, docs: &mut dyn Docs) -> Result<()> {
        let mut at = u32::MAX;
        while let Some(doc) = docs.seek(at)? {
            self.looked += 1;
            self.check(doc)?;
            if self.full() {
                break;
            }
            match doc.checked_sub(1) {
                Some(below) => at = below,
                None => break,
            }
        }
        Ok(())
    }

    fn check(&mut self, doc: u32) -> Result<()> {
        let Some(at) = self.table.get(doc)? else {
            return Ok(());
        };
        let filter = &self.filter;
        if self.query.client.is_some_and(|c| c != at.client)
            || filter
                .since
                .is_some_and(|s| at.at_ms < s.timestamp_millis())
            || self.seen.contains(&at.id)
        {
            return Ok(());
        }
        // Where the note was numbered, else (moved since) wherever the id index says.
        let tx = Tx::new(self.db, self.dir);
        let place = Located {
            id: at.id,
            client: at.client,
            at_ms: at.at_ms,
        };
        let event = match timeline::get_at(&tx, &place)? {
            Some(event) => Some(event),
            None => timeline::get(&tx, at.id)?,
        };
        let Some(event) = event.filter(|e| filter.matches(e)) else {
            return Ok(());
        };
        if self.query.client.is_some_and(|c| c != event.client) {
            return Ok(());
        }
        let text = searchable(&event);
        if let Some(found) = terms::find(self.terms, &text) {
            self.seen.insert(event.id);
            let hit = NoteHit {
                event,
                client_name: String::new(),
                shown: Marked {
                    text,
                    marks: found.marks,
                },
                tier: found.tier,
            };
            self.hits.push((hit, doc));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
