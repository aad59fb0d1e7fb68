//! Small SVG pictures of the layouts, as `layout_svgs` returns them.

use std::fmt::Write;

use plugboard_conference::AVAILABLE_LAYOUTS;
use serde_json::{Map, Value};

const WIDTH: u32 = 160;
const HEIGHT: u32 = 90;

/// `{"<layout>": "<svg …>"}` for every available layout.
pub(crate) fn layout_pictures() -> Value {
    let pictures: Map<String, Value> = AVAILABLE_LAYOUTS
        .iter()
        .map(|name| ((*name).to_owned(), Value::String(picture(name))))
        .collect();
    Value::Object(pictures)
}

/// `m:s` layouts show `m` large tiles across the top and `s` small ones in rows beneath; the adaptive
/// layouts (`ac`, `teams`) a 3×3 grid.
fn picture(layout: &str) -> String {
    let (main, small): (u32, u32) = match layout.split_once(':') {
        Some((m, s)) => (m.parse().unwrap_or(1), s.parse().unwrap_or(0)),
        None => (9, 0),
    };
    let mut tiles = Vec::new();
    if small == 0 {
        grid(&mut tiles, main, 0, HEIGHT);
    } else {
        let main_height = HEIGHT * 3 / 4;
        grid(&mut tiles, main, 0, main_height);
        let per_row = small.min(7);
        let rows = small.div_ceil(per_row);
        let row_height = (HEIGHT - main_height) / rows;
        for row in 0..rows {
            let in_row = per_row.min(small - row * per_row);
            row_of(
                &mut tiles,
                in_row,
                main_height + row * row_height,
                row_height,
            );
        }
    }
    let mut svg =
        format!(r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}">"#);
    for (x, y, w, h) in tiles {
        let _ = write!(
            svg,
            r##"<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="#4a5568" stroke="#fff" stroke-width="1"/>"##
        );
    }
    svg.push_str("</svg>");
    svg
}

/// `count` tiles in a square-ish grid filling the band from `top`, `height` high.
fn grid(tiles: &mut Vec<(u32, u32, u32, u32)>, count: u32, top: u32, height: u32) {
    let columns = (1..=count).find(|c| c * c >= count).unwrap_or(1);
    let rows = count.div_ceil(columns);
    for row in 0..rows {
        let in_row = columns.min(count - row * columns);
        row_of(tiles, in_row, top + row * height / rows, height / rows);
    }
}

fn row_of(tiles: &mut Vec<(u32, u32, u32, u32)>, count: u32, top: u32, height: u32) {
    let width = WIDTH / count.max(1);
    for i in 0..count {
        tiles.push((i * width, top, width, height));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiles_match_the_layout_name() {
        assert_eq!(picture("1:7").matches("<rect").count(), 8);
        assert_eq!(picture("2:21").matches("<rect").count(), 23);
        assert_eq!(picture("16:0").matches("<rect").count(), 16);
        assert_eq!(picture("ac").matches("<rect").count(), 9);
    }
}
