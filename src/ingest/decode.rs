//! Bytes → text: which encoding a file is in, and decoding it.
//!
//! The order matters and follows DESIGN.md: a byte-order mark decides; then
//! UTF-16 without a mark, told by where its NUL bytes fall; then strict UTF-8;
//! then UTF-8 with a few damaged bytes (replaced and reported, not re-guessed
//! as GBK, which would garble the whole file); then chardetng with the `cn`
//! hint — without it, short GBK text is taken for EUC-KR.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{BIG5, EUC_JP, Encoding, GB18030, GBK, SHIFT_JIS, UTF_8, UTF_16BE, UTF_16LE};

/// Decoded text and how it was decoded.
#[derive(Debug)]
pub(crate) struct Decoded {
    /// The text, without a byte-order mark.
    pub text: String,
    /// The encoding used, by its common name.
    pub encoding: &'static str,
    /// Byte offsets in `text` of U+FFFD characters that replaced undecodable bytes.
    pub replaced: Vec<usize>,
    /// Another encoding the bytes may be in, where detection leaned to the
    /// Chinese one against the detector's own first reading (Big5, Shift_JIS).
    pub doubt: Option<&'static str>,
}

/// Why bytes could not be decoded.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum DecodeError {
    /// Control characters or NUL bytes that no text file has.
    Binary {
        /// Byte offset in the input of the first one.
        offset: usize,
    },
    /// The encoding was chosen, but most of the bytes do not decode in it.
    Undecodable {
        /// The encoding tried.
        encoding: &'static str,
    },
}

/// How many bytes the detectors look at.
const SAMPLE: usize = 1 << 16;

/// Decodes `bytes`, detecting the encoding unless `forced` names one.
pub(crate) fn decode(bytes: &[u8], forced: Option<&'static Encoding>) -> Result<Decoded, DecodeError> {
    let (encoding, body, doubt) = match forced {
        Some(encoding) => (encoding, strip_bom(bytes, encoding), None),
        None => detect(bytes)?,
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    let text = text.into_owned();
    let replaced: Vec<usize> = if had_errors {
        text.char_indices().filter(|&(_, c)| c == '\u{FFFD}').map(|(i, _)| i).collect()
    } else {
        Vec::new()
    };
    let name = display_name(encoding);
    if replaced.len() * 10 > text.chars().count().max(1) {
        return Err(DecodeError::Undecodable { encoding: name });
    }
    if let Some(offset) = binary_offset(&text, body.len(), bytes.len() - body.len()) {
        return Err(DecodeError::Binary { offset });
    }
    Ok(Decoded { text, encoding: name, replaced, doubt })
}

/// Picks the encoding of `bytes` and returns it with the bytes after any BOM.
type Detected<'a> = (&'static Encoding, &'a [u8], Option<&'static str>);

fn detect(bytes: &[u8]) -> Result<Detected<'_>, DecodeError> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return Ok((encoding, &bytes[bom..], None));
    }
    if let Some(encoding) = utf16_by_nul_pattern(bytes) {
        return Ok((encoding, bytes, None));
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(DecodeError::Binary { offset });
    }
    if std::str::from_utf8(bytes).is_ok() || mostly_utf8(bytes) {
        return Ok((UTF_8, bytes, None));
    }
    let sample = &bytes[..bytes.len().min(SAMPLE * 16)];
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(sample, sample.len() == bytes.len());
    let guess = match detector.guess(Some(b"cn"), Utf8Detection::Deny) {
        // encoding_rs decodes GBK with the GB18030 decoder; say so.
        e if e == GBK => GB18030,
        e => e,
    };
    // UTF-16 made only of Han characters has no NUL bytes: compare readings.
    let mut best = (plausibility(guess, bytes), guess);
    if bytes.len().is_multiple_of(2) {
        for candidate in [UTF_16LE, UTF_16BE] {
            let score = plausibility(candidate, bytes);
            if score > best.0 {
                best = (score, candidate);
            }
        }
    }
    // Traditional Chinese and Japanese files read as GB18030 without an error, as
    // nonsense: where the detector's own reading, without the hint, is one of
    // them, the user is told.
    let unhinted = detector.guess(None, Utf8Detection::Deny);
    let doubt = [BIG5, SHIFT_JIS, EUC_JP].contains(&unhinted).then(|| unhinted.name()).filter(|_| best.1 != unhinted);
    Ok((best.1, bytes, doubt))
}

/// UTF-16 without a BOM, told by NUL bytes falling mostly on one parity: the
/// high byte of ASCII characters (digits, line breaks) is zero. The other
/// parity has a few too: the low byte of 一 (U+4E00) is zero.
fn utf16_by_nul_pattern(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(SAMPLE) & !1];
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let units = sample.len() / 2;
    let decisive = |zeros: usize, other: usize| zeros * 20 >= units && other * 3 <= zeros;
    let encoding = if decisive(odd, even) {
        UTF_16LE
    } else if decisive(even, odd) {
        UTF_16BE
    } else {
        return None;
    };
    let (_, _, had_errors) = encoding.decode(&bytes[..bytes.len() & !1]);
    (!had_errors).then_some(encoding)
}

/// UTF-8 with a few damaged places: many valid multi-byte characters for
/// every run of invalid bytes (a run counts once: "\xff\xfe\x80" pasted into
/// a file is one damage). GBK text almost never forms valid UTF-8 sequences.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    let mut in_run = false;
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                multibyte += valid.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(error) => {
                let valid_up_to = error.valid_up_to();
                let valid = std::str::from_utf8(&rest[..valid_up_to]).unwrap_or_default();
                multibyte += valid.chars().filter(|c| !c.is_ascii()).count();
                if valid_up_to > 0 || !in_run {
                    invalid += 1;
                }
                in_run = true;
                let skip = error.error_len().unwrap_or(rest.len() - valid_up_to);
                rest = &rest[valid_up_to + skip..];
            }
        }
    }
    multibyte >= 16 && multibyte >= invalid * 16
}

/// The share (per mille) of characters in a sample that Chinese documents are
/// made of, when the sample is read in `encoding`.
fn plausibility(encoding: &'static Encoding, bytes: &[u8]) -> usize {
    let sample = &bytes[..bytes.len().min(SAMPLE) & !1];
    let (text, _) = encoding.decode_without_bom_handling(sample);
    let (mut good, mut total) = (0usize, 0usize);
    for c in text.chars() {
        total += 1;
        good += usize::from(matches!(c,
            '\t' | '\n' | '\r' | ' '..='~'
            | '\u{2000}'..='\u{206F}'   // general punctuation: “ ” — …
            | '\u{2460}'..='\u{24FF}'   // ① ②
            | '\u{3000}'..='\u{303F}'   // 、 。 《 》 【 】
            | '\u{4E00}'..='\u{9FFF}'   // CJK unified ideographs
            | '\u{FF00}'..='\u{FFEF}')); // full-width forms
    }
    good * 1000 / total.max(1)
}

/// The bytes after a BOM that belongs to `encoding`, if there is one.
fn strip_bom<'a>(bytes: &'a [u8], encoding: &'static Encoding) -> &'a [u8] {
    match Encoding::for_bom(bytes) {
        Some((found, bom)) if found == encoding => &bytes[bom..],
        _ => bytes,
    }
}

/// Where decoded text shows it was never text: NUL or control characters
/// (other than tab, line breaks, form feed and escape) in more than one
/// character in a thousand. The offset is approximate for multi-byte
/// encodings, exact for UTF-8.
fn binary_offset(text: &str, body_len: usize, bom_len: usize) -> Option<usize> {
    let is_binary = |c: char| {
        c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{B}' | '\u{C}' | '\u{1B}') && (c as u32) < 0x80
    };
    let count = text.chars().filter(|&c| is_binary(c)).count();
    if count == 0 || count * 1000 <= text.chars().count() {
        return None;
    }
    let (index, _) = text.char_indices().find(|&(_, c)| is_binary(c))?;
    Some(bom_len + index.min(body_len))
}

/// The common name of an encoding, as users and other tools write it.
fn display_name(encoding: &'static Encoding) -> &'static str {
    if encoding == GB18030 || encoding == GBK { "GB18030" } else { encoding.name() }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "一、工作进展情况\n1.项目建设攻坚。截至9月底，18个市重点项目全部开工。\n落实情况：已完成。\n";

    fn encode(encoding: &'static Encoding) -> Vec<u8> {
        encoding.encode(TEXT).0.into_owned()
    }

    fn utf16(little: bool) -> Vec<u8> {
        TEXT.encode_utf16().flat_map(|u| if little { u.to_le_bytes() } else { u.to_be_bytes() }).collect()
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode(TEXT.as_bytes(), None).unwrap().text, TEXT);
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), TEXT.as_bytes()].concat();
        let decoded = decode(&with_bom, None).unwrap();
        assert_eq!((decoded.text.as_str(), decoded.encoding), (TEXT, "UTF-8"));
    }

    #[test]
    fn gbk_is_read_as_gb18030() {
        let decoded = decode(&encode(GBK), None).unwrap();
        assert_eq!((decoded.text.as_str(), decoded.encoding), (TEXT, "GB18030"));
    }

    #[test]
    fn utf16_without_bom_both_byte_orders() {
        for (little, name) in [(true, "UTF-16LE"), (false, "UTF-16BE")] {
            let decoded = decode(&utf16(little), None).unwrap();
            assert_eq!((decoded.text.as_str(), decoded.encoding), (TEXT, name));
        }
    }

    #[test]
    fn utf16_of_han_characters_only_is_still_found() {
        let han = "确定事项落实情况区工信局负责完成目标任务";
        let bytes: Vec<u8> = han.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(decode(&bytes, None).unwrap().text, han);
    }

    #[test]
    fn a_few_damaged_bytes_in_utf8_are_replaced_not_reguessed() {
        let text = TEXT.repeat(4);
        let at = text.char_indices().map(|(i, _)| i).find(|&i| i >= 40).unwrap();
        let mut bytes = text.into_bytes();
        bytes.insert(at, 0xFF);
        let decoded = decode(&bytes, None).unwrap();
        assert_eq!(decoded.encoding, "UTF-8");
        assert_eq!(decoded.replaced, vec![at]);
    }

    #[test]
    fn a_run_of_damaged_bytes_in_short_utf8_counts_once() {
        let text = "一、重点任务\n1.新建公园2个。\n落实情况：已完成。\n";
        let bytes = [text.as_bytes(), b"\xff\xfe\x80", text.as_bytes()].concat();
        let decoded = decode(&bytes, None).unwrap();
        assert_eq!(decoded.encoding, "UTF-8");
        assert!(decoded.text.starts_with(text) && decoded.text.ends_with(text), "{}", decoded.text);
    }

    #[test]
    fn nul_bytes_without_a_pattern_are_binary() {
        let bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0";
        assert!(matches!(decode(bytes, None), Err(DecodeError::Binary { .. })));
    }

    #[test]
    fn forced_encoding_wins() {
        let decoded = decode(&encode(GBK), Some(GBK)).unwrap();
        assert_eq!(decoded.text, TEXT);
        assert!(matches!(decode(&encode(GBK), Some(UTF_8)), Err(DecodeError::Undecodable { .. })));
    }
}
