/** Shown on a trainee's view of an instructor's run: whose run it is and who holds the clock. */
import './instructor.css';

export function TraineeBanner() {
  return (
    <div className="trainee-banner" role="note">
      Trainee view · live from the instructor&apos;s console · the instructor controls the clock
    </div>
  );
}
