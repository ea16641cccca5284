/**
 * Which staff a template's post (岗位) covers. Templates name a post by code (`window_staff`,
 * `nurse`, `doctor`, `teller`, `technician`); a staff record carries free-text posts (收费员,
 * 窗口受理员) and a category (人员类别: 窗口, 护理, 医生, 医技). A person holds a post when one of
 * their posts or their category is the code itself, or one of the words below for it. The words
 * are the vocabulary of the staff records, not policy numbers: an organisation whose records use
 * other words gives its staff the post code as a post.
 */
const postWords: Record<string, { categories: string[]; posts: string[] }> = {
  window_staff: { categories: ['窗口'], posts: ['窗口受理员', '收费员', '导医', '窗口工作人员'] },
  nurse: { categories: ['护理'], posts: ['护士', '护师', '护士长'] },
  doctor: { categories: ['医生'], posts: ['医生', '医师', '主任医师', '主治医师', '住院医师'] },
  teller: { categories: [], posts: ['柜员', '大堂经理'] },
  technician: { categories: ['医技', '维修'], posts: ['药师', '技师', '检验师', '维修工', '维修员'] },
};

export interface StaffPosts {
  category: string | null;
  posts: string[];
}

/** Whether the person holds the post (the template's `post` code). */
export function holdsPost(staff: StaffPosts, post: string): boolean {
  if (staff.category === post || staff.posts.includes(post)) return true;
  const words = postWords[post];
  if (!words) return false;
  return (staff.category !== null && words.categories.includes(staff.category)) || staff.posts.some((p) => words.posts.includes(p));
}
