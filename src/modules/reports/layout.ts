/**
 * Pagination of a printed report, kept apart from drawing so it can be run twice (without and
 * with a table of contents) and tested without a PDF. Boxes are laid top to bottom; a box that
 * does not fit starts a new page, and so does a box that would be left without the boxes it is
 * kept with (a heading with its first lines, a table's header with its first row).
 */
export interface Box {
  height: number;
  /** How many following boxes must share this box's page (a heading: 2). */
  keepWithNext?: number;
  /** Height drawn before this box when it opens a page (a table's repeated header row). */
  repeatHeight?: number;
}

export interface Placement {
  /** 0-based page. */
  page: number;
  y: number;
  /** The box opens a page and its table header is drawn again above it. */
  repeated: boolean;
}

export interface Frame {
  top: number;
  bottom: number;
}

/** The y and page of each box; pure. */
export function paginate(boxes: readonly Box[], frame: Frame): Placement[] {
  const capacity = frame.bottom - frame.top;
  const out: Placement[] = [];
  let page = 0;
  let y = frame.top;
  for (let i = 0; i < boxes.length; i++) {
    const b = boxes[i];
    let need = b.height;
    for (let k = 1; k <= (b.keepWithNext ?? 0) && i + k < boxes.length; k++) need += boxes[i + k].height;
    // A group taller than a page cannot be kept together: then only the box itself must fit.
    if (need > capacity) need = b.height;
    let repeated = false;
    if (y + need > frame.bottom && y > frame.top) {
      page++;
      y = frame.top;
    }
    if (y === frame.top && page > 0 && b.repeatHeight) {
      y += b.repeatHeight;
      repeated = true;
    }
    out.push({ page, y, repeated });
    y += b.height;
  }
  return out;
}

/** Pages used by the placements. */
export function pageCount(placements: readonly Placement[]): number {
  return placements.length ? placements[placements.length - 1].page + 1 : 1;
}
