//! A small CPU rasterizer for epaint's tessellated meshes, so a map renders to pixels with no
//! GPU and no display, and gives the same pixels on every machine.
//!
//! epaint already anti-aliases by feathering (every edge fades out over a pixel inside the
//! mesh), so sampling each triangle once at pixel centres is enough. Colours are premultiplied
//! sRGB, blended "over" in gamma space, like egui's own renderers do.

use epaint::{ClippedPrimitive, Color32, ColorImage, Primitive, TextureId};

/// An RGBA image with premultiplied alpha, as f32 for exact blending.
pub struct Pixmap {
    pub width: usize,
    pub height: usize,
    /// Premultiplied RGBA, 0..=1, row-major.
    data: Vec<[f32; 4]>,
}

impl Pixmap {
    /// A pixmap filled with one colour (transparent when `fill` is).
    pub fn new(width: usize, height: usize, fill: Color32) -> Self {
        let c = to_f(fill);
        Self {
            width,
            height,
            data: vec![c; width * height],
        }
    }

    /// Straight (unpremultiplied) 8-bit RGBA, row-major, for PNG encoding.
    pub fn to_rgba8(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.data.len() * 4);
        for y in 0..self.height {
            for x in 0..self.width {
                out.extend_from_slice(&self.pixel(x, y));
            }
        }
        out
    }

    /// The straight RGBA of one pixel.
    pub fn pixel(&self, x: usize, y: usize) -> [u8; 4] {
        let p = self.data[y * self.width + x];
        let a = p[3].clamp(0.0, 1.0);
        let un = |c: f32| {
            if a <= 0.0 {
                0
            } else {
                ((c / a).clamp(0.0, 1.0) * 255.0).round() as u8
            }
        };
        [un(p[0]), un(p[1]), un(p[2]), (a * 255.0).round() as u8]
    }

    /// Draws tessellated primitives. `textures` resolves every texture id the meshes use.
    pub fn draw<'t>(
        &mut self,
        primitives: &[ClippedPrimitive],
        textures: &dyn Fn(TextureId) -> Option<&'t ColorImage>,
    ) {
        for p in primitives {
            let Primitive::Mesh(mesh) = &p.primitive else {
                continue;
            };
            let Some(texture) = textures(mesh.texture_id) else {
                continue;
            };
            let clip = [
                p.clip_rect.min.x.max(0.0).floor() as i64,
                p.clip_rect.min.y.max(0.0).floor() as i64,
                (p.clip_rect.max.x.ceil() as i64).min(self.width as i64),
                (p.clip_rect.max.y.ceil() as i64).min(self.height as i64),
            ];
            for tri in mesh.indices.chunks_exact(3) {
                let v = [
                    &mesh.vertices[tri[0] as usize],
                    &mesh.vertices[tri[1] as usize],
                    &mesh.vertices[tri[2] as usize],
                ];
                self.triangle(v, texture, clip);
            }
        }
    }

    fn triangle(&mut self, v: [&epaint::Vertex; 3], tex: &ColorImage, clip: [i64; 4]) {
        let (p0, p1, p2) = (v[0].pos, v[1].pos, v[2].pos);
        let area = (p1.x - p0.x) * (p2.y - p0.y) - (p1.y - p0.y) * (p2.x - p0.x);
        if area.abs() < 1e-8 {
            return;
        }
        let min_x = (p0.x.min(p1.x).min(p2.x).floor() as i64).max(clip[0]);
        let min_y = (p0.y.min(p1.y).min(p2.y).floor() as i64).max(clip[1]);
        let max_x = (p0.x.max(p1.x).max(p2.x).ceil() as i64).min(clip[2]);
        let max_y = (p0.y.max(p1.y).max(p2.y).ceil() as i64).min(clip[3]);
        if min_x >= max_x || min_y >= max_y {
            return;
        }
        let inv = 1.0 / area;
        let colors = [to_f(v[0].color), to_f(v[1].color), to_f(v[2].color)];
        let flat_color = v[0].color == v[1].color && v[1].color == v[2].color;
        // The font atlas' (0,0) texel is white: meshes without a texture point there.
        let white_uv = v.iter().all(|x| x.uv == epaint::WHITE_UV);
        let (tw, th) = (tex.size[0] as f32, tex.size[1] as f32);
        // Edge function coefficients: w_i(x, y) = a_i * x + b_i * y + c_i.
        let edge = |a: epaint::Pos2, b: epaint::Pos2| (a.y - b.y, b.x - a.x, a.x * b.y - a.y * b.x);
        let e0 = edge(p1, p2);
        let e1 = edge(p2, p0);
        let e2 = edge(p0, p1);
        // Top-left rule: a pixel centre exactly on an edge belongs to one of the two triangles
        // sharing it, never both (that would blend it twice) and never neither (a seam).
        let s = inv.signum();
        let owns = |e: (f32, f32, f32)| {
            let (a, b) = (e.0 * s, e.1 * s);
            a > 0.0 || (a == 0.0 && b > 0.0)
        };
        let (o0, o1, o2) = (owns(e0), owns(e1), owns(e2));
        for y in min_y..max_y {
            let py = y as f32 + 0.5;
            let row = y as usize * self.width;
            for x in min_x..max_x {
                let px = x as f32 + 0.5;
                let w0 = (e0.0 * px + e0.1 * py + e0.2) * inv;
                let w1 = (e1.0 * px + e1.1 * py + e1.2) * inv;
                let w2 = (e2.0 * px + e2.1 * py + e2.2) * inv;
                let outside = |w: f32, own: bool| w < 0.0 || (w == 0.0 && !own);
                if outside(w0, o0) || outside(w1, o1) || outside(w2, o2) {
                    continue;
                }
                let mut src = if flat_color {
                    colors[0]
                } else {
                    let mut c = [0.0; 4];
                    for (k, ck) in c.iter_mut().enumerate() {
                        *ck = colors[0][k] * w0 + colors[1][k] * w1 + colors[2][k] * w2;
                    }
                    c
                };
                if !white_uv {
                    let u = v[0].uv.x * w0 + v[1].uv.x * w1 + v[2].uv.x * w2;
                    let t = v[0].uv.y * w0 + v[1].uv.y * w1 + v[2].uv.y * w2;
                    let texel = sample(tex, u * tw - 0.5, t * th - 0.5);
                    for k in 0..4 {
                        src[k] *= texel[k];
                    }
                }
                let d = &mut self.data[row + x as usize];
                let keep = 1.0 - src[3];
                for k in 0..4 {
                    d[k] = src[k] + d[k] * keep;
                }
            }
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

/// Bilinear sample of premultiplied texels at texel coordinates (centres at .0).
fn sample(tex: &ColorImage, x: f32, y: f32) -> [f32; 4] {
    let (w, h) = (tex.size[0] as i64, tex.size[1] as i64);
    let x0 = x.floor();
    let y0 = y.floor();
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
        // No double-blending on the shared diagonal of the two triangles.
        let filled = (0..10)
            .flat_map(|y| (0..10).map(move |x| (x, y)))
            .filter(|&(x, y)| pm.pixel(x, y)[3] > 0)
            .count();
        assert_eq!(filled, 12);
    }

    #[test]
    fn half_transparent_blends_over() {
        let mut mesh = Mesh::default();
        mesh.add_colored_rect(
            Rect::from_min_max(Pos2::ZERO, pos2(4.0, 4.0)),
            Color32::from_black_alpha(128),
        );
        let prim = ClippedPrimitive {
            clip_rect: Rect::from_min_max(Pos2::ZERO, pos2(4.0, 4.0)),
            primitive: Primitive::Mesh(mesh),
        };
        let mut pm = Pixmap::new(4, 4, Color32::WHITE);
        let tex = white_texture();
        pm.draw(&[prim], &|_| Some(&tex));
        let p = pm.pixel(1, 1);
        assert!((126..=129).contains(&p[0]), "{p:?}");
        assert_eq!(p[3], 255);
    }
}
