use crate::error::Error;

/// The layouts this node can compose, as `available_layouts` lists them.
pub const AVAILABLE_LAYOUTS: [&str; 12] = [
    "1:0", "1:7", "1:21", "2:21", "1:33", "4:0", "9:0", "16:0", "25:0", "5:7", "ac", "teams",
];

pub(crate) const DEFAULT_LAYOUT: &str = "1:7";

/// The parts of a `transform_layout` body the engine acts on; the HTTP face has already checked types.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Transforms {
    pub layout: Option<String>,
    pub host_layout: Option<String>,
    pub guest_layout: Option<String>,
    pub streaming_layout: Option<String>,
    pub enable_overlay_text: Option<bool>,
    pub free_form_overlay_text: Option<Vec<String>>,
}

/// How many participants a layout shows, main speaker included.
pub(crate) fn capacity(layout: &str) -> usize {
    let Some((main, small)) = layout.split_once(':') else {
        return 9;
    };
    match (main.parse::<usize>(), small.parse::<usize>()) {
        (Ok(main), Ok(small)) => main + small,
        _ => 9,
    }
}

impl Transforms {
    pub(crate) fn validate(&self) -> Result<(), Error> {
        let layouts = [
            &self.layout,
            &self.host_layout,
            &self.guest_layout,
            &self.streaming_layout,
        ];
        for layout in layouts.into_iter().flatten() {
            if !AVAILABLE_LAYOUTS.contains(&layout.as_str()) {
                return Err(Error::invalid(format!(
                    "Illegal value: unknown layout {layout:?}"
                )));
            }
        }
        if let Some(texts) = &self.free_form_overlay_text {
            if texts.len() > 100 || texts.iter().any(|t| t.chars().count() > 250) {
                return Err(Error::invalid(
                    "Illegal value: free_form_overlay_text takes at most 100 texts of 250 characters",
                ));
            }
        }
        Ok(())
    }
}

/// The composition a conference is currently asked to show.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LayoutState {
    pub host_layout: String,
    pub guest_layout: String,
    pub overlay_text_enabled: bool,
    pub override_layout: Option<serde_json::Value>,
}

impl Default for LayoutState {
    fn default() -> Self {
        LayoutState {
            host_layout: DEFAULT_LAYOUT.to_owned(),
            guest_layout: DEFAULT_LAYOUT.to_owned(),
            overlay_text_enabled: true,
            override_layout: None,
        }
    }
}

impl LayoutState {
    /// Apply `transforms`; an empty `{}` puts the default layout back (an override stays).
    pub fn apply(&mut self, transforms: &Transforms) {
        if *transforms == Transforms::default() {
            *self = LayoutState {
                override_layout: self.override_layout.take(),
                ..LayoutState::default()
            };
            return;
        }
        if let Some(layout) = &transforms.layout {
            self.host_layout.clone_from(layout);
            self.guest_layout.clone_from(layout);
        }
        if let Some(layout) = &transforms.host_layout {
            self.host_layout.clone_from(layout);
        }
        if let Some(layout) = &transforms.guest_layout {
            self.guest_layout.clone_from(layout);
        }
        if let Some(enabled) = transforms.enable_overlay_text {
            self.overlay_text_enabled = enabled;
        }
    }
}

/// `override_layout` takes `{"layouts": [{"layout": "<name>", "participants": [...]}, …]}`.
pub(crate) fn validate_override(body: &serde_json::Value) -> Result<(), Error> {
    let layouts = body
        .get("layouts")
        .and_then(serde_json::Value::as_array)
        .ok_or_else(|| Error::invalid("override_layout needs a \"layouts\" array"))?;
    for entry in layouts {
        let name = entry
            .get("layout")
            .and_then(serde_json::Value::as_str)
            .ok_or_else(|| Error::invalid("every override needs a \"layout\" string"))?;
        if !AVAILABLE_LAYOUTS.contains(&name) {
            return Err(Error::invalid(format!(
                "Illegal value: unknown layout {name:?}"
            )));
        }
    }
    Ok(())
}
