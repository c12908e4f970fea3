/** The RealWorld `profile` object (also the `author` of articles and comments). */
export interface ProfileDto {
  username: string;
  bio: string | null;
  image: string | null;
  following: boolean;
}
