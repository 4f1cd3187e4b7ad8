/**
 * Shown on a trainee's view of an instructor's run: whose run it is and who holds the clock, and,
 * when the instructor's console stops answering, that this view is frozen and why.
 */
import { useIncidentStore } from '../../stores/incident-store';
import './instructor.css';

export function TraineeBanner() {
  const lost = useIncidentStore((s) => s.linkLost);
  if (lost) {
    return (
      <div className="trainee-banner lost" role="status">
        Lost contact with the instructor&apos;s console: this view is frozen. The console may have been
        closed, crashed or be hanging; the view resumes by itself when it answers again.
      </div>
    );
  }
  return (
    <div className="trainee-banner" role="note">
      Trainee view · live from the instructor&apos;s console · the instructor controls the clock
    </div>
  );
}
