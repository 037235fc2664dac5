//! A small CPU rasterizer for epaint's tessellated meshes, so a map renders to pixels with no
//! GPU and no display, and gives the same pixels on every machine.
//!
//! epaint already anti-aliases by feathering (every edge fades out over a pixel inside the
//! mesh), so sampling each triangle once at pixel centres is enough. Colours are premultiplied
//! sRGB, blended "over" in gamma space, like egui's own renderers do. The picture is drawn in
//! horizontal bands, one per core; each band draws every triangle in order, so the result does
//! not depend on the number of threads.

use epaint::{ClippedPrimitive, Color32, ColorImage, Primitive, TextureId};

/// An RGBA image with premultiplied alpha.
pub struct Pixmap {
    pub width: usize,
    pub height: usize,
    /// Premultiplied RGBA, row-major.
    data: Vec<[u8; 4]>,
}

impl Pixmap {
    /// A pixmap filled with one colour (transparent when `fill` is).
    pub fn new(width: usize, height: usize, fill: Color32) -> Self {
        Self {
            width,
            height,
            data: vec![fill.to_array(); width * height],
        }
    }

    /// Straight (unpremultiplied) 8-bit RGBA, row-major, for PNG encoding.
    pub fn to_rgba8(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.data.len() * 4);
        for p in &self.data {
            out.extend_from_slice(&unpremultiply(*p));
        }
        out
    }

    /// [`Pixmap::to_rgba8`] in the pixmap's own memory: a 4K picture is 33 MB, and a fresh
    /// buffer of that size costs the export process more in page faults than the copy itself.
    pub fn into_rgba8(mut self) -> Vec<u8> {
        for p in &mut self.data {
            *p = unpremultiply(*p);
        }
        self.data.into_flattened()
    }

    /// The straight RGBA of one pixel.
    pub fn pixel(&self, x: usize, y: usize) -> [u8; 4] {
        unpremultiply(self.data[y * self.width + x])
    }

    /// Draws tessellated primitives. `textures` resolves every texture id the meshes use.
    pub fn draw<'t>(
        &mut self,
        primitives: &[ClippedPrimitive],
        textures: &(dyn Fn(TextureId) -> Option<&'t ColorImage> + Sync),
    ) {
        let width = self.width;
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 8);
        let band_rows = self.height.div_ceil(threads).max(1);
        std::thread::scope(|scope| {
            for (i, band) in self.data.chunks_mut(band_rows * width).enumerate() {
                let top = (i * band_rows) as i64;
                scope.spawn(move || {
                    let rows = (band.len() / width) as i64;
                    let mut target = Band {
                        data: band,
                        width,
                        top,
                        bottom: top + rows,
                    };
                    for p in primitives {
                        let Primitive::Mesh(mesh) = &p.primitive else {
                            continue;
                        };
                        let Some(texture) = textures(mesh.texture_id) else {
                            continue;
                        };
                        let clip = [
                            p.clip_rect.min.x.max(0.0).floor() as i64,
                            (p.clip_rect.min.y.max(0.0).floor() as i64).max(top),
                            (p.clip_rect.max.x.ceil() as i64).min(width as i64),
                            (p.clip_rect.max.y.ceil() as i64).min(top + rows),
                        ];
                        if clip[0] >= clip[2] || clip[1] >= clip[3] {
                            continue;
                        }
                        for tri in mesh.indices.chunks_exact(3) {
                            let v = [
                                &mesh.vertices[tri[0] as usize],
                                &mesh.vertices[tri[1] as usize],
                                &mesh.vertices[tri[2] as usize],
                            ];
                            target.triangle(v, texture, clip);
                        }
                    }
                });
            }
        });
    }
}

/// The rows `top..bottom` of a pixmap.
struct Band<'a> {
    data: &'a mut [[u8; 4]],
    width: usize,
    top: i64,
    bottom: i64,
}

impl Band<'_> {
    fn triangle(&mut self, v: [&epaint::Vertex; 3], tex: &ColorImage, clip: [i64; 4]) {
        let (p0, p1, p2) = (v[0].pos, v[1].pos, v[2].pos);
        let area = (p1.x - p0.x) * (p2.y - p0.y) - (p1.y - p0.y) * (p2.x - p0.x);
        if area.abs() < 1e-8 {
            return;
        }
        let min_x = (p0.x.min(p1.x).min(p2.x).floor() as i64).max(clip[0]);
        let min_y = (p0.y.min(p1.y).min(p2.y).floor() as i64)
            .max(clip[1])
            .max(self.top);
        let max_x = (p0.x.max(p1.x).max(p2.x).ceil() as i64).min(clip[2]);
        let max_y = (p0.y.max(p1.y).max(p2.y).ceil() as i64)
            .min(clip[3])
            .min(self.bottom);
        if min_x >= max_x || min_y >= max_y {
            return;
        }
        let inv = 1.0 / area;
        let colors = [to_f(v[0].color), to_f(v[1].color), to_f(v[2].color)];
        let flat_color = v[0].color == v[1].color && v[1].color == v[2].color;
        // The font atlas' (0,0) texel is white: meshes without a texture point there.
        let white_uv = v.iter().all(|x| x.uv == epaint::WHITE_UV);
        let opaque_fill = flat_color && white_uv && v[0].color.a() == 255;
        let (tw, th) = (tex.size[0] as f32, tex.size[1] as f32);
        // Edge function coefficients: w_i(x, y) = a_i * x + b_i * y + c_i.
        let edge = |a: epaint::Pos2, b: epaint::Pos2| (a.y - b.y, b.x - a.x, a.x * b.y - a.y * b.x);
        let e = [edge(p1, p2), edge(p2, p0), edge(p0, p1)];
        // Top-left rule: a pixel centre exactly on an edge belongs to one of the two triangles
        // sharing it, never both (that would blend it twice) and never neither (a seam).
        let s = inv.signum();
        let owns = e.map(|e| {
            let (a, b) = (e.0 * s, e.1 * s);
            a > 0.0 || (a == 0.0 && b > 0.0)
        });
        for y in min_y..max_y {
            let py = y as f32 + 0.5;
            let row = (y - self.top) as usize * self.width;
            // The run of this row that can be inside: solved from the edge functions, one
            // pixel wider on each side than exact, so the test below still decides every pixel
            // (the same pixels as testing the whole bounding box, without visiting most of it).
            let (mut lo, mut hi) = (min_x, max_x);
            for e in &e {
                let a = e.0 * inv;
                let c = (e.1 * py + e.2) * inv;
                // (`as` truncates toward zero: one more pixel of margin instead of a libm
                // floor or ceil call per edge and row.)
                if a > 0.0 {
                    lo = lo.max((-c / a - 0.5) as i64 - 2);
                } else if a < 0.0 {
                    hi = hi.min((-c / a - 0.5) as i64 + 3);
                }
            }
            for x in lo..hi {
                let px = x as f32 + 0.5;
                let w = e.map(|e| (e.0 * px + e.1 * py + e.2) * inv);
                if (0..3).any(|k| w[k] < 0.0 || (w[k] == 0.0 && !owns[k])) {
                    continue;
                }
                let d = &mut self.data[row + x as usize];
                if opaque_fill {
                    *d = v[0].color.to_array();
                    continue;
                }
                let mut src = if flat_color {
                    colors[0]
                } else {
                    let mut c = [0.0; 4];
                    for (k, ck) in c.iter_mut().enumerate() {
                        *ck = colors[0][k] * w[0] + colors[1][k] * w[1] + colors[2][k] * w[2];
                    }
                    c
                };
                if !white_uv {
                    let u = v[0].uv.x * w[0] + v[1].uv.x * w[1] + v[2].uv.x * w[2];
                    let t = v[0].uv.y * w[0] + v[1].uv.y * w[1] + v[2].uv.y * w[2];
                    let texel = sample(tex, u * tw - 0.5, t * th - 0.5);
                    for k in 0..4 {
                        src[k] *= texel[k];
                    }
                }
                if src[3] <= 0.0 {
                    continue;
                }
                let keep = 1.0 - src[3];
                for k in 0..4 {
                    let out = src[k] * 255.0 + f32::from(d[k]) * keep;
                    // Both terms are ≥ 0, so +0.5 and the saturating cast round as `round`
                    // does, without a libm call per channel.
                    d[k] = (out + 0.5) as u8;
                }
            }
        }
    }
}

fn unpremultiply(p: [u8; 4]) -> [u8; 4] {
    match p[3] {
        255 => p,
        0 => [0, 0, 0, 0],
        a => {
            let un =
                |c: u8| ((u32::from(c) * 255 + u32::from(a) / 2) / u32::from(a)).min(255) as u8;
            [un(p[0]), un(p[1]), un(p[2]), a]
        }
    }
}

fn to_f(c: Color32) -> [f32; 4] {
    [
        f32::from(c.r()) / 255.0,
        f32::from(c.g()) / 255.0,
        f32::from(c.b()) / 255.0,
        f32::from(c.a()) / 255.0,
    ]
}

/// `f32::floor` for texel coordinates (well inside ±2²³), without a libm call per texel.
fn floor(v: f32) -> f32 {
    let t = v as i32 as f32;
    if t > v { t - 1.0 } else { t }
}

/// Bilinear sample of premultiplied texels at texel coordinates (centres at .0).
fn sample(tex: &ColorImage, x: f32, y: f32) -> [f32; 4] {
    let (w, h) = (tex.size[0] as i64, tex.size[1] as i64);
    let (x0, y0) = (floor(x), floor(y));
    let (fx, fy) = (x - x0, y - y0);
    let at = |xi: i64, yi: i64| {
        let xi = xi.clamp(0, w - 1) as usize;
        let yi = yi.clamp(0, h - 1) as usize;
        to_f(tex.pixels[yi * w as usize + xi])
    };
    let (xi, yi) = (x0 as i64, y0 as i64);
    let (a, b, c, d) = (
        at(xi, yi),
        at(xi + 1, yi),
        at(xi, yi + 1),
        at(xi + 1, yi + 1),
    );
    let mut out = [0.0; 4];
    for k in 0..4 {
        let top = a[k] + (b[k] - a[k]) * fx;
        let bottom = c[k] + (d[k] - c[k]) * fx;
        out[k] = top + (bottom - top) * fy;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use epaint::{Mesh, Pos2, Rect, pos2};

    fn white_texture() -> ColorImage {
        ColorImage::new([1, 1], vec![Color32::WHITE])
    }

    #[test]
    fn a_rect_fills_exactly_its_pixels() {
        let mut mesh = Mesh::default();
        mesh.add_colored_rect(
            Rect::from_min_max(pos2(2.0, 2.0), pos2(6.0, 5.0)),
            Color32::RED,
        );
        let prim = ClippedPrimitive {
            clip_rect: Rect::from_min_max(Pos2::ZERO, pos2(10.0, 10.0)),
            primitive: Primitive::Mesh(mesh),
        };
        let mut pm = Pixmap::new(10, 10, Color32::TRANSPARENT);
        let tex = white_texture();
        pm.draw(&[prim], &|_| Some(&tex));
        assert_eq!(pm.pixel(2, 2), [255, 0, 0, 255]);
        assert_eq!(pm.pixel(5, 4), [255, 0, 0, 255]);
        assert_eq!(pm.pixel(6, 4), [0, 0, 0, 0]);
        assert_eq!(pm.pixel(1, 2), [0, 0, 0, 0]);
        let filled = (0..10)
            .flat_map(|y| (0..10).map(move |x| (x, y)))
            .filter(|&(x, y)| pm.pixel(x, y)[3] > 0)
            .count();
        assert_eq!(filled, 12);
    }

    #[test]
    fn shared_edges_are_blended_once() {
        // A half-transparent rect: a pixel on the diagonal blended twice would be darker.
        let mut mesh = Mesh::default();
        mesh.add_colored_rect(
            Rect::from_min_max(Pos2::ZERO, pos2(8.0, 8.0)),
            Color32::from_black_alpha(128),
        );
        let prim = ClippedPrimitive {
            clip_rect: Rect::from_min_max(Pos2::ZERO, pos2(8.0, 8.0)),
            primitive: Primitive::Mesh(mesh),
        };
        let mut pm = Pixmap::new(8, 8, Color32::WHITE);
        let tex = white_texture();
        pm.draw(&[prim], &|_| Some(&tex));
        let first = pm.pixel(0, 0);
        for y in 0..8 {
            for x in 0..8 {
                assert_eq!(pm.pixel(x, y), first, "({x},{y})");
            }
        }
        assert!((126..=129).contains(&first[0]), "{first:?}");
        assert_eq!(first[3], 255);
    }
}
