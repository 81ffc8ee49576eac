//! Unsaved dashboard notes (`d/<client>`): one small record per client, written on its own and
//! outside summaries and timelines, so a draft write never touches the history.

use super::keys;
use super::sled_store::{engine_error, SledStore};
use crate::model::{ClientId, Draft};
use crate::store::codec::{decode, encode};
use crate::store::{Result, StoreError};

impl SledStore {
    pub(super) fn put_draft_record(&self, draft: &Draft) -> Result<()> {
        self.db()
            .insert(keys::draft(draft.client), encode(draft))
            .map_err(|e| engine_error(self.dir_path(), e))?;
        // Always synced, even inside `load`: a draft is only worth writing if it survives.
        self.sync()
    }

    pub(super) fn remove_draft_record(&self, client: ClientId) -> Result<()> {
        let removed = self
            .db()
            .remove(keys::draft(client))
            .map_err(|e| engine_error(self.dir_path(), e))?;
        match removed {
            Some(_) => self.sync(),
            None => Ok(()),
        }
    }

    pub(super) fn draft_records(&self) -> Result<Vec<Draft>> {
        self.db()
            .scan_prefix(keys::DRAFTS)
            .map(|item| {
                let (key, value) = item.map_err(|e| engine_error(self.dir_path(), e))?;
                decode(&value).map_err(|detail| StoreError::Corrupt {
                    dir: self.dir_path().to_path_buf(),
                    detail: format!(
                        "draft {} is unreadable: {detail}",
                        String::from_utf8_lossy(&key)
                    ),
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{client, now, open};
    use crate::model::Draft;
    use crate::store::{Overview, Store};
    use chrono::Duration;

    #[test]
    fn a_draft_is_replaced_removed_and_kept_across_reopening() {
        let dir = tempfile::tempdir().unwrap();
        let acme = client("Acme Oy", Some("acme"));
        let draft = Draft {
            client: acme.id,
            text: "call: 佐藤さんと移行計画 🚀\n[+3m] next".into(),
            call_started: Some(now() - Duration::minutes(3)),
            written: now(),
            typed_first: Some(now() - Duration::minutes(2)),
            typed_last: Some(now()),
        };
        {
            let store = open(dir.path());
            store.put_client(&acme).unwrap();
            assert!(store.drafts().unwrap().is_empty());
            store
                .put_draft(&Draft {
                    text: "first".into(),
                    ..draft.clone()
                })
                .unwrap();
            store.put_draft(&draft).unwrap();
            assert_eq!(
                store.drafts().unwrap(),
                vec![draft.clone()],
                "replaced, not added"
            );
        }
        let store = open(dir.path());
        assert_eq!(store.drafts().unwrap(), vec![draft.clone()], "durable");
        store.remove_draft(acme.id).unwrap();
        store.remove_draft(acme.id).unwrap();
        assert!(store.drafts().unwrap().is_empty());
        // Drafts stay out of the history: no event, no summary change.
        assert_eq!(store.summary(acme.id).unwrap(), Default::default());
    }

    #[test]
    fn a_draft_written_before_the_typed_span_reads_without_it() {
        /// `Draft` as it was stored before `typed_first` and `typed_last`.
        #[derive(serde::Serialize)]
        struct Old {
            client: crate::model::ClientId,
            text: String,
            call_started: Option<chrono::DateTime<chrono::Utc>>,
            written: chrono::DateTime<chrono::Utc>,
        }
        let acme = client("Acme Oy", Some("acme"));
        let old = Old {
            client: acme.id,
            text: "call: half typed".into(),
            call_started: Some(now() - Duration::minutes(3)),
            written: now(),
        };
        let read: Draft = crate::store::codec::decode(&crate::store::codec::encode(&old)).unwrap();
        assert_eq!(
            read,
            Draft {
                client: acme.id,
                text: old.text,
                call_started: old.call_started,
                written: old.written,
                typed_first: None,
                typed_last: None,
            }
        );
    }

    #[test]
    fn the_overview_has_no_drafts_and_refuses_them() {
        let overview = Overview::default();
        assert!(overview.drafts().unwrap().is_empty());
        let draft = Draft::default();
        assert!(overview.put_draft(&draft).is_err());
        assert!(overview.remove_draft(draft.client).is_err());
    }
}
