//! The overview's events, each encoded with named fields as the store encodes them: the file
//! is MessagePack arrays, where a field left out when empty (`made_in`) before one that is
//! set (`edited`) would shift the rest.

use crate::model::Event;
use crate::store::codec::{decode, encode};
use serde::{de::Error, Deserialize, Deserializer, Serialize, Serializer};
use serde_bytes::ByteBuf;

pub fn serialize<S: Serializer>(events: &[Event], out: S) -> Result<S::Ok, S::Error> {
    let encoded: Vec<ByteBuf> = events.iter().map(|e| ByteBuf::from(encode(e))).collect();
    encoded.serialize(out)
}

pub fn deserialize<'de, D: Deserializer<'de>>(input: D) -> Result<Vec<Event>, D::Error> {
    let encoded = Vec::<ByteBuf>::deserialize(input)?;
    encoded
        .iter()
        .map(|bytes| decode(bytes).map_err(D::Error::custom))
        .collect()
}
