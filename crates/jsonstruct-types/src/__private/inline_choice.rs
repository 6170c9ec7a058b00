//! Inline choices whose options declare the selector themselves: the selector member is kept
//! in the option's data, so it must be read and written by hand.

use serde::de::{self, Deserialize, DeserializeOwned, Deserializer};
use serde::ser::{self, Serialize, Serializer};
use serde_json::Value;

/// Reads an object and returns the value of its `selector` member with the whole object.
pub fn split<'de, D: Deserializer<'de>>(
    deserializer: D,
    selector: &str,
) -> Result<(String, Value), D::Error> {
    let value = Value::deserialize(deserializer)?;
    let tag = match value.get(selector) {
        Some(Value::String(tag)) => tag.clone(),
        Some(_) => {
            return Err(de::Error::custom(format_args!(
                "the selector `{selector}` must be a string"
            )))
        }
        None => {
            return Err(de::Error::custom(format_args!(
                "missing the selector `{selector}`"
            )))
        }
    };
    Ok((tag, value))
}

/// Reads the option's data from the object [`split`] returned.
pub fn finish<T: DeserializeOwned, E: de::Error>(value: Value) -> Result<T, E> {
    serde_json::from_value(value).map_err(E::custom)
}

/// Writes the option's data with the selector member set to `tag`.
pub fn serialize<S: Serializer, T: Serialize>(
    serializer: S,
    selector: &str,
    tag: &str,
    data: &T,
) -> Result<S::Ok, S::Error> {
    let mut value = serde_json::to_value(data).map_err(ser::Error::custom)?;
    match value.as_object_mut() {
        Some(object) => {
            object.insert(selector.to_owned(), Value::String(tag.to_owned()));
        }
        None => {
            return Err(ser::Error::custom(
                "an inline choice option must be an object",
            ))
        }
    }
    value.serialize(serializer)
}
